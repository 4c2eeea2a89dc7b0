package org.smoothplayer.decoder.video;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FramePngTest {

  @Test
  void writes_the_bgra_pixels_as_an_rgb_png(@TempDir Path dir) throws IOException {
    int widthPx = 3;
    int heightPx = 2;
    int strideBytes = 16;
    ByteBuffer pixels = ByteBuffer.allocateDirect(strideBytes * heightPx);
    // (0,0) red, (1,0) green, (2,1) blue; B,G,R,A order.
    pixels.put(0, (byte) 0).put(1, (byte) 0).put(2, (byte) 255).put(3, (byte) 255);
    pixels.put(4, (byte) 0).put(5, (byte) 255).put(6, (byte) 0).put(7, (byte) 255);
    pixels.put(16 + 8, (byte) 255).put(16 + 9, (byte) 0).put(16 + 10, (byte) 0);
    VideoFrame frame =
        new VideoFrame(0, 0, widthPx, heightPx, strideBytes, widthPx, heightPx, pixels, null);

    Path png = dir.resolve("sub/frame.png");
    FramePng.write(frame, png);
    BufferedImage image = ImageIO.read(png.toFile());

    assertThat(image.getWidth()).isEqualTo(3);
    assertThat(image.getHeight()).isEqualTo(2);
    assertThat(image.getRGB(0, 0) & 0xFFFFFF).isEqualTo(0xFF0000);
    assertThat(image.getRGB(1, 0) & 0xFFFFFF).isEqualTo(0x00FF00);
    assertThat(image.getRGB(2, 1) & 0xFFFFFF).isEqualTo(0x0000FF);
    assertThat(image.getRGB(0, 1) & 0xFFFFFF).isZero();
  }
}
