package org.smoothplayer.app.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.EOFException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.net.URI;
import java.net.UnknownHostException;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;

class NetworkErrorsTest {
  private static final URI PLAIN = URI.create("http://media.example.test/v.ism/Manifest");
  private static final URI TLS = URI.create("https://media.example.test/v.ism/Manifest");
  private static final URI WITH_PORT = URI.create("http://127.0.0.1:8771/Manifest");

  /** What OkHttp throws when nothing listens: its own message, the system's as the cause. */
  private static ConnectException okHttpConnectFailure(String systemMessage) {
    ConnectException e = new ConnectException("Failed to connect to /127.0.0.1:8771");
    e.initCause(new ConnectException(systemMessage));
    return e;
  }

  @Test
  void a_refused_connection_names_the_server_and_port_and_what_it_means() {
    assertThat(NetworkErrors.describe(okHttpConnectFailure("Connection refused"), WITH_PORT))
        .isEqualTo("connection refused by 127.0.0.1:8771 (nothing listens there)");
  }

  @Test
  void another_connect_failure_keeps_the_systems_words() {
    assertThat(NetworkErrors.describe(okHttpConnectFailure("Network is unreachable"), WITH_PORT))
        .isEqualTo("cannot connect to 127.0.0.1:8771 (Network is unreachable)");
  }

  @Test
  void an_unknown_host_names_the_host_without_a_port() {
    assertThat(
            NetworkErrors.describe(
                new UnknownHostException("media.example.test: Name or service not known"), PLAIN))
        .isEqualTo("unknown host media.example.test (the name does not resolve)");
  }

  @Test
  void the_default_port_is_named_by_the_scheme() {
    assertThat(NetworkErrors.describe(new NoRouteToHostException("No route to host"), PLAIN))
        .isEqualTo("no route to media.example.test:80 (No route to host)");
    assertThat(NetworkErrors.describe(new SSLHandshakeException("PKIX path building failed"), TLS))
        .isEqualTo("TLS with media.example.test:443 failed (PKIX path building failed)");
  }

  @Test
  void a_reset_and_a_body_cut_short_say_what_the_server_did() {
    assertThat(NetworkErrors.describe(new SocketException("Connection reset"), WITH_PORT))
        .isEqualTo("connection reset by 127.0.0.1:8771");
    assertThat(NetworkErrors.describe(new EOFException("\\n not found: limit=0"), WITH_PORT))
        .isEqualTo(
            "the connection to 127.0.0.1:8771 closed before the response was complete (\\n not"
                + " found: limit=0)");
  }

  @Test
  void an_error_of_another_shape_keeps_its_message_and_names_its_type_last() {
    assertThat(NetworkErrors.describe(new IOException("stream was reset: CANCEL"), WITH_PORT))
        .isEqualTo("stream was reset: CANCEL (IOException)");
    assertThat(NetworkErrors.describe(new IOException(), WITH_PORT)).isEqualTo("IOException");
  }
}
