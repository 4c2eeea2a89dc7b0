package org.smoothplayer.app.ui;

import java.nio.ByteBuffer;
import java.util.Optional;
import javafx.beans.InvalidationListener;
import javafx.beans.value.ChangeListener;
import javafx.geometry.Insets;
import javafx.scene.Scene;
import javafx.scene.image.ImageView;
import javafx.scene.image.PixelBuffer;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.Region;
import javafx.stage.Window;
import org.jspecify.annotations.Nullable;
import org.smoothplayer.app.playback.FrameSource;
import org.smoothplayer.app.playback.ShownFrame;
import org.smoothplayer.decoder.video.VideoFrame;

/**
 * Shows decoded video: an {@link ImageView} over a {@link WritableImage} backed by a BGRA
 * premultiplied {@link PixelBuffer} the size of the frame (recreated when the size changes), fitted
 * into the surface with its aspect ratio kept and centred on black.
 *
 * <p>Thread ownership: FX application thread only (called from the window's animation timer).
 */
public final class VideoSurface extends Region {

  /** Receives the surface size in physical pixels when it changes. */
  @FunctionalInterface
  public interface ViewportListener {
    /** The surface is now {@code widthPx} × {@code heightPx} physical pixels. */
    void viewportChanged(int widthPx, int heightPx);
  }

  /** Preferred size before the window gives it more, logical pixels. */
  static final double PREF_WIDTH = 640;

  static final double PREF_HEIGHT = 360;

  private final ImageView imageView = new ImageView();
  private @Nullable PixelBuffer<ByteBuffer> pixelBuffer;
  private @Nullable WritableImage image;
  private int imageWidthPx;
  private int imageHeightPx;
  private long framesShown;
  private int shownLevel = -1;
  private ViewportListener viewportListener = (w, h) -> {};
  private int reportedWidthPx;
  private int reportedHeightPx;
  private @Nullable Window watchedWindow;
  private final InvalidationListener renderScaleChanged = o -> requestLayout();
  private final ChangeListener<@Nullable Window> windowChanged =
      (obs, before, after) -> watchWindow(after);

  /** An empty (black) surface. */
  public VideoSurface() {
    setId("surface");
    getStyleClass().add("video-surface");
    setStyle("-fx-background-color: black;");
    imageView.setId("surfaceImage");
    imageView.setPreserveRatio(true);
    imageView.setSmooth(true);
    imageView.setManaged(false);
    getChildren().add(imageView);
    sceneProperty().addListener((obs, before, after) -> watchScene(before, after));
  }

  /** Where size changes go (the view model forwards them to the player). */
  public void setViewportListener(ViewportListener listener) {
    this.viewportListener = listener;
    reportedWidthPx = 0;
    reportedHeightPx = 0;
    requestLayout();
  }

  /**
   * Takes the frame due now from {@code source}, if any, shows it and closes it (always, also when
   * showing fails).
   *
   * @return true when a frame was taken
   */
  public boolean showDue(FrameSource source) {
    ShownFrame shown = source.pickDue();
    if (shown == null) {
      return false;
    }
    VideoFrame frame = shown.frame();
    try {
      if (frame.hasPixels()) {
        show(frame);
        shownLevel = shown.level();
      }
    } finally {
      frame.close();
    }
    return true;
  }

  /** Copies {@code frame}'s pixels (row by row, honouring its stride) onto the surface. */
  public void show(VideoFrame frame) {
    int widthPx = frame.widthPx();
    int heightPx = frame.heightPx();
    PixelBuffer<ByteBuffer> target = pixelBuffer;
    if (target == null || widthPx != imageWidthPx || heightPx != imageHeightPx) {
      ByteBuffer storage =
          ByteBuffer.allocateDirect(widthPx * heightPx * VideoFrame.BYTES_PER_PIXEL);
      target = new PixelBuffer<>(widthPx, heightPx, storage, PixelFormat.getByteBgraPreInstance());
      WritableImage newImage = new WritableImage(target);
      pixelBuffer = target;
      image = newImage;
      imageWidthPx = widthPx;
      imageHeightPx = heightPx;
      imageView.setImage(newImage);
      requestLayout();
    }
    ByteBuffer source = frame.pixels();
    int strideBytes = frame.strideBytes();
    int rowBytes = widthPx * VideoFrame.BYTES_PER_PIXEL;
    target.updateBuffer(
        buffer -> {
          ByteBuffer destination = buffer.getBuffer();
          if (strideBytes == rowBytes) {
            destination.put(0, source, 0, rowBytes * heightPx);
          } else {
            for (int y = 0; y < heightPx; y++) {
              destination.put(y * rowBytes, source, y * strideBytes, rowBytes);
            }
          }
          return null; // the whole image changed
        });
    framesShown++;
  }

  /** Drops the picture (a new session starts): the surface shows black. */
  public void clear() {
    imageView.setImage(null);
    pixelBuffer = null;
    image = null;
    imageWidthPx = 0;
    imageHeightPx = 0;
    shownLevel = -1;
  }

  /** The picture on the surface, frame-sized, null before the first frame. */
  public @Nullable WritableImage image() {
    return image;
  }

  /** A copy of the picture on the surface, as decoded for it; empty before the first frame. */
  public Optional<FrameShot.Pixels> copy() {
    PixelBuffer<ByteBuffer> shown = pixelBuffer;
    if (shown == null) {
      return Optional.empty();
    }
    byte[] bgra = new byte[imageWidthPx * imageHeightPx * VideoFrame.BYTES_PER_PIXEL];
    shown.getBuffer().get(0, bgra);
    return Optional.of(new FrameShot.Pixels(imageWidthPx, imageHeightPx, bgra));
  }

  /** Frames shown since construction. */
  public long framesShown() {
    return framesShown;
  }

  /** Level of the frame on the surface, -1 before the first. */
  public int shownLevel() {
    return shownLevel;
  }

  @Override
  protected void layoutChildren() {
    Insets insets = getInsets();
    double areaWidth = Math.max(0, getWidth() - insets.getLeft() - insets.getRight());
    double areaHeight = Math.max(0, getHeight() - insets.getTop() - insets.getBottom());
    if (imageWidthPx > 0 && imageHeightPx > 0 && areaWidth > 0 && areaHeight > 0) {
      double scale = Math.min(areaWidth / imageWidthPx, areaHeight / imageHeightPx);
      double shownWidth = imageWidthPx * scale;
      double shownHeight = imageHeightPx * scale;
      imageView.setFitWidth(shownWidth);
      imageView.setFitHeight(shownHeight);
      imageView.relocate(
          insets.getLeft() + (areaWidth - shownWidth) / 2,
          insets.getTop() + (areaHeight - shownHeight) / 2);
    }
    reportViewport(areaWidth, areaHeight);
  }

  @Override
  protected double computePrefWidth(double height) {
    return PREF_WIDTH;
  }

  @Override
  protected double computePrefHeight(double width) {
    return PREF_HEIGHT;
  }

  @Override
  protected double computeMinWidth(double height) {
    return 0;
  }

  @Override
  protected double computeMinHeight(double width) {
    return 0;
  }

  private void reportViewport(double widthLogical, double heightLogical) {
    Window window = watchedWindow;
    double scaleX = window != null ? window.getRenderScaleX() : 1;
    double scaleY = window != null ? window.getRenderScaleY() : 1;
    int widthPx = (int) Math.ceil(widthLogical * scaleX);
    int heightPx = (int) Math.ceil(heightLogical * scaleY);
    if (widthPx > 0
        && heightPx > 0
        && (widthPx != reportedWidthPx || heightPx != reportedHeightPx)) {
      reportedWidthPx = widthPx;
      reportedHeightPx = heightPx;
      viewportListener.viewportChanged(widthPx, heightPx);
    }
  }

  private void watchScene(@Nullable Scene before, @Nullable Scene after) {
    if (before != null) {
      before.windowProperty().removeListener(windowChanged);
    }
    if (after != null) {
      after.windowProperty().addListener(windowChanged);
    }
    watchWindow(after != null ? after.getWindow() : null);
  }

  private void watchWindow(@Nullable Window window) {
    Window old = watchedWindow;
    if (old != null) {
      old.renderScaleXProperty().removeListener(renderScaleChanged);
      old.renderScaleYProperty().removeListener(renderScaleChanged);
    }
    watchedWindow = window;
    if (window != null) {
      window.renderScaleXProperty().addListener(renderScaleChanged);
      window.renderScaleYProperty().addListener(renderScaleChanged);
    }
    requestLayout();
  }
}
