package io.dgxmon.report.prom;

import java.util.Collection;
import java.util.stream.Collectors;

/** Builds label matchers from values Prometheus or a user gave, so that no value can change a query's meaning. */
public final class PromQl {
  private static final String REGEX_SPECIAL = "\\.^$|?*+()[]{}";

  private PromQl() {}

  /** {@code "a|b"} as a quoted PromQL string: matches exactly the given values under {@code =~}. */
  public static String anyOf(Collection<String> values) {
    return quote(values.stream().map(PromQl::regexLiteral).collect(Collectors.joining("|")));
  }

  /** A PromQL double-quoted string literal holding {@code value}. */
  public static String quote(String value) {
    StringBuilder out = new StringBuilder("\"");
    for (char c : value.toCharArray()) {
      switch (c) {
        case '\\' -> out.append("\\\\");
        case '"' -> out.append("\\\"");
        case '\n' -> out.append("\\n");
        default -> out.append(c);
      }
    }
    return out.append('"').toString();
  }

  private static String regexLiteral(String value) {
    StringBuilder out = new StringBuilder();
    for (char c : value.toCharArray()) {
      if (REGEX_SPECIAL.indexOf(c) >= 0) {
        out.append('\\');
      }
      out.append(c);
    }
    return out.toString();
  }
}
