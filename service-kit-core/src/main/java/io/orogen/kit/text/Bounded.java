package io.orogen.kit.text;

/**
 * Strings copied from input into answers, logs, database rows and dead letters: at most a given
 * length, without control characters (PostgreSQL refuses NUL; a terminal or log line should not get
 * escape codes) or unpaired surrogates, so that one hostile header cannot make an answer too large
 * to publish or a row impossible to store.
 */
public final class Bounded {

  /** Ids, keys, types and names copied from a record. */
  public static final int ID = 200;

  /** Messages for people: a rejection's reason, a dead letter's reason. */
  public static final int MESSAGE = 2_000;

  private Bounded() {}

  /**
   * {@code text} cut to at most {@code max} characters (the cut marked with how much was left out),
   * control characters and unpaired surrogates replaced by U+FFFD; null stays null.
   */
  public static String text(String text, int max) {
    if (text == null) {
      return null;
    }
    String cut = text;
    if (text.length() > max) {
      String marker = "…(" + (text.length() - max) + " more characters)";
      int keep = Math.max(0, max - marker.length());
      if (keep > 0 && Character.isHighSurrogate(text.charAt(keep - 1))) {
        keep--;
      }
      cut = text.substring(0, keep) + marker;
    }
    return clean(cut);
  }

  /** An id, key or type: {@link #text} at {@link #ID} characters. */
  public static String id(String text) {
    return text(text, ID);
  }

  /** A message: {@link #text} at {@link #MESSAGE} characters. */
  public static String message(String text) {
    return text(text, MESSAGE);
  }

  /**
   * Whether {@code text} is usable as it is as an id: 1 to {@code max} characters, none of them a
   * control character, whitespace only at no place, and no unpaired surrogate.
   */
  public static boolean isCleanId(String text, int max) {
    if (text == null || text.isEmpty() || text.length() > max || text.isBlank()) {
      return false;
    }
    return text.equals(clean(text));
  }

  private static String clean(String text) {
    StringBuilder out = null;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      boolean bad;
      if (Character.isHighSurrogate(c)) {
        bad = i + 1 >= text.length() || !Character.isLowSurrogate(text.charAt(i + 1));
        if (!bad) {
          if (out != null) {
            out.append(c).append(text.charAt(i + 1));
          }
          i++;
          continue;
        }
      } else {
        bad = Character.isLowSurrogate(c) || Character.isISOControl(c);
      }
      if (bad && out == null) {
        out = new StringBuilder(text.length()).append(text, 0, i);
      }
      if (out != null) {
        out.append(bad ? '\uFFFD' : c);
      }
    }
    return out == null ? text : out.toString();
  }
}
