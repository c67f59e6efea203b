package io.sluice.sandbox.dnspod;

import io.sluice.sandbox.api.ApiException;
import java.util.Locale;

/**
 * Whether a record resolves. A disabled record is kept but never answered, which is how an operator
 * takes a value out of rotation without losing it. Lists spell it {@code ENABLE}/{@code DISABLE};
 * {@code DescribeRecord} spells it {@code Enabled} 1/0.
 */
public enum RecordStatus {
  ENABLE,
  DISABLE;

  /** Parses {@code ENABLE}/{@code DISABLE} (any case), else {@code InvalidParameterValue}. */
  public static RecordStatus parse(String value) {
    try {
      return valueOf(value.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new ApiException(
          "InvalidParameterValue", "Status must be ENABLE or DISABLE, got `" + value + "`.");
    }
  }
}
