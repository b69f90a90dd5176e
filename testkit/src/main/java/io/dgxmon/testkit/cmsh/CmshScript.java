package io.dgxmon.testkit.cmsh;

import java.util.ArrayList;
import java.util.List;

/** Splits a cmsh command line into statements ({@code ;} outside quotes and parentheses) and tokens. */
final class CmshScript {
  private CmshScript() {}

  static List<String> statements(String line) {
    List<String> out = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    int depth = 0;
    char quote = 0;
    for (char ch : line.toCharArray()) {
      if (quote != 0) {
        quote = ch == quote ? 0 : quote;
      } else if (ch == '"' || ch == '\'') {
        quote = ch;
      } else if (ch == '(') {
        depth++;
      } else if (ch == ')') {
        depth--;
      } else if (ch == ';' && depth == 0) {
        out.add(current.toString().strip());
        current.setLength(0);
        continue;
      }
      current.append(ch);
    }
    out.add(current.toString().strip());
    return out.stream().filter(s -> !s.isEmpty()).toList();
  }

  /** Whitespace-separated tokens; quotes are removed; a parenthesised group stays one token with its parentheses. */
  static List<String> tokens(String statement) {
    List<String> out = new ArrayList<>();
    StringBuilder token = new StringBuilder();
    boolean inToken = false;
    int i = 0;
    while (i < statement.length()) {
      char ch = statement.charAt(i);
      if (Character.isWhitespace(ch)) {
        if (inToken) {
          out.add(token.toString());
          token.setLength(0);
          inToken = false;
        }
      } else if (ch == '"' || ch == '\'') {
        int end = statement.indexOf(ch, i + 1);
        end = end < 0 ? statement.length() : end;
        token.append(statement, i + 1, end);
        inToken = true;
        i = end;
      } else if (ch == '(' && !inToken) {
        int end = matchingParen(statement, i);
        out.add(statement.substring(i, end + 1));
        i = end;
      } else {
        token.append(ch);
        inToken = true;
      }
      i++;
    }
    if (inToken) {
      out.add(token.toString());
    }
    return out;
  }

  private static int matchingParen(String s, int open) {
    int depth = 0;
    for (int i = open; i < s.length(); i++) {
      depth += s.charAt(i) == '(' ? 1 : s.charAt(i) == ')' ? -1 : 0;
      if (depth == 0) {
        return i;
      }
    }
    return s.length() - 1;
  }
}
