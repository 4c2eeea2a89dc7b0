package org.smoothplayer.app.ui.settings;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import org.smoothplayer.app.config.PlayerConfig;
import org.smoothplayer.app.engine.Player;

/** A {@link Player} that only records the configurations it is given (every other call: no-op). */
final class RecordingPlayer {
  final List<PlayerConfig> configs = new ArrayList<>();
  final Player player =
      (Player)
          Proxy.newProxyInstance(
              Player.class.getClassLoader(),
              new Class<?>[] {Player.class},
              (proxy, method, args) -> {
                switch (method.getName()) {
                  case "setConfig" -> configs.add((PlayerConfig) args[0]);
                  case "hashCode" -> {
                    return System.identityHashCode(proxy);
                  }
                  case "equals" -> {
                    return proxy == args[0];
                  }
                  case "toString" -> {
                    return "RecordingPlayer";
                  }
                  default -> {
                    if (method.getReturnType() != void.class) {
                      throw new UnsupportedOperationException(method.getName());
                    }
                  }
                }
                return null;
              });
}
