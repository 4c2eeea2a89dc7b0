package org.smoothplayer.app.ui.settings;

import java.util.OptionalDouble;
import java.util.regex.Pattern;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import org.smoothplayer.app.config.SettingsFile;
import org.smoothplayer.heuristics.settings.SettingDescriptor;

/**
 * One numeric setting of the form: the text the user types, checked on every change against its
 * {@link SettingDescriptor} ({@link #errorProperty()} holds the reason a value is refused, "" when
 * it is accepted). Thread ownership: FX thread (or one test thread).
 */
public final class SettingField {

  /** A decimal number as people type it: optional sign, '.' or ',' as the point, exponent. */
  private static final Pattern DECIMAL =
      Pattern.compile("[+-]?(\\d+([.,]\\d*)?|[.,]\\d+)([eE][+-]?\\d+)?");

  private final SettingDescriptor descriptor;
  private final StringProperty text = new SimpleStringProperty(this, "text", "");
  private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error", "");
  private final ReadOnlyBooleanWrapper nonDefault =
      new ReadOnlyBooleanWrapper(this, "nonDefault", false);
  private OptionalDouble value = OptionalDouble.empty();

  /** A field for {@code descriptor} showing its default. */
  public SettingField(SettingDescriptor descriptor) {
    this.descriptor = descriptor;
    text.addListener((obs, was, is) -> check(is));
    setValue(descriptor.defaultValue());
    check(text.get());
  }

  /** The setting this field edits. */
  public SettingDescriptor descriptor() {
    return descriptor;
  }

  /** The dotted key. */
  public String key() {
    return descriptor.key();
  }

  /** The text typed (bound both ways to the text field). */
  public StringProperty textProperty() {
    return text;
  }

  /** Why the text is refused (the check's message), "" when it is a valid value. */
  public ReadOnlyStringProperty errorProperty() {
    return error.getReadOnlyProperty();
  }

  /** True when the valid value differs from the default (the view marks it). */
  public ReadOnlyBooleanProperty nonDefaultProperty() {
    return nonDefault.getReadOnlyProperty();
  }

  /** The value, when the text is valid. */
  public OptionalDouble value() {
    return value;
  }

  /** Shows {@code newValue} as text (whole numbers without a decimal point). */
  public void setValue(double newValue) {
    text.set(SettingsFile.formatNumber(newValue));
  }

  /**
   * The tooltip: label, description, unit, range, step and default, e.g. "Start-up buffer — Media
   * buffered … \n buffer.startupS · 0.1 to 30 s, step 0.1 · default 2".
   */
  public String tooltip() {
    return descriptor.label()
        + " \u2014 "
        + descriptor.description()
        + "\n"
        + descriptor.key()
        + " \u00b7 "
        + SettingsFile.formatNumber(descriptor.min())
        + " to "
        + SettingsFile.formatNumber(descriptor.max())
        + " "
        + descriptor.unit()
        + ", step "
        + SettingsFile.formatNumber(descriptor.step())
        + " \u00b7 default "
        + SettingsFile.formatNumber(descriptor.defaultValue());
  }

  private void check(String input) {
    String trimmed = input == null ? "" : input.strip();
    OptionalDouble parsed = OptionalDouble.empty();
    String problem;
    if (trimmed.isEmpty()) {
      problem = descriptor.key() + ": expected a number (" + descriptor.unit() + ") but was empty";
    } else {
      try {
        if (!DECIMAL.matcher(trimmed).matches()) {
          throw new NumberFormatException(trimmed); // "NaN", "Infinity", "1d", "0x10", "abc"
        }
        double v = Double.parseDouble(trimmed.replace(',', '.'));
        descriptor.check(v);
        parsed = OptionalDouble.of(v);
        problem = "";
      } catch (NumberFormatException e) {
        problem =
            descriptor.key()
                + ": expected a number ("
                + descriptor.unit()
                + ") but was '"
                + trimmed
                + "'";
      } catch (IllegalArgumentException e) {
        problem = e.getMessage();
      }
    }
    value = parsed;
    error.set(problem);
    nonDefault.set(parsed.isPresent() && parsed.getAsDouble() != descriptor.defaultValue());
  }
}
