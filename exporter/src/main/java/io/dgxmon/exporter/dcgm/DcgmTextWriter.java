package io.dgxmon.exporter.dcgm;

import java.util.List;
import java.util.Map;

/**
 * Writes families byte for byte as dcgm-exporter's {@code internal/pkg/rendermetrics} GPU template does:
 * {@code # HELP name help}, {@code # TYPE name type}, then one line per series with the entity labels in their
 * order, the {@code labels} map, then the {@code attributes} map, each map in byte order, and the value as
 * {@link DcgmValue#text()}. One difference on purpose: dcgm-exporter inserts label values and help text raw, so a
 * {@code "}, {@code \} or newline in them makes its output unparseable; here they are escaped as the text format
 * requires (label values: {@code \\ \" \n}; help: {@code \\ \n}). Any other value is written as dcgm-exporter
 * writes it.
 */
public final class DcgmTextWriter {
  private DcgmTextWriter() {}

  /** Appends {@code families} in list order (dcgm-exporter's own order is a Go map's and not stable). */
  public static void write(List<DcgmFamily> families, StringBuilder out) {
    for (DcgmFamily family : families) {
      if (family.samples().isEmpty()) {
        continue;
      }
      out.append("# HELP ").append(family.name()).append(' ');
      escape(family.help(), false, out);
      out.append("\n# TYPE ").append(family.name()).append(' ').append(family.type().text()).append('\n');
      for (DcgmSample sample : family.samples()) {
        line(family.name(), sample, out);
      }
    }
  }

  private static void line(String name, DcgmSample sample, StringBuilder out) {
    out.append(name).append('{');
    boolean first = true;
    for (DcgmSample.Label label : sample.entity()) {
      first = label(label.name(), label.value(), first, out);
    }
    for (Map.Entry<String, String> label : sample.labels().entrySet()) {
      first = label(label.getKey(), label.getValue(), first, out);
    }
    for (Map.Entry<String, String> attribute : sample.attributes().entrySet()) {
      first = label(attribute.getKey(), attribute.getValue(), first, out);
    }
    out.append("} ").append(sample.value().text()).append('\n');
  }

  private static boolean label(String name, String value, boolean first, StringBuilder out) {
    if (!first) {
      out.append(',');
    }
    out.append(name).append("=\"");
    escape(value, true, out);
    out.append('"');
    return false;
  }

  private static void escape(String text, boolean labelValue, StringBuilder out) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '"' -> out.append(labelValue ? "\\\"" : "\"");
        default -> out.append(c);
      }
    }
  }
}
