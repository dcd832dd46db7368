package io.orogen.events;

/** Regular expressions shared by the payloads' Bean Validation constraints. */
public final class Constraints {

  /** A DNS-1123 label (at most 63 characters is checked separately). */
  public static final String DNS_1123_LABEL = "^[a-z0-9]([-a-z0-9]*[a-z0-9])?$";

  public static final String DNS_1123_LABEL_MESSAGE =
      "must be a DNS-1123 label: lower-case letters, digits and '-', starting and ending with a"
          + " letter or digit";

  /** A semantic version {@code 3.5.16}, or {@code 3.5} for the newest patch of a minor. */
  public static final String VERSION = "^(0|[1-9][0-9]*)\\.(0|[1-9][0-9]*)(\\.(0|[1-9][0-9]*))?$";

  public static final String VERSION_MESSAGE =
      "must be a version like 3.5.16, or 3.5 for the newest patch";

  /** An exact semantic version {@code 3.5.16}. */
  public static final String EXACT_VERSION =
      "^(0|[1-9][0-9]*)\\.(0|[1-9][0-9]*)\\.(0|[1-9][0-9]*)$";

  public static final String EXACT_VERSION_MESSAGE = "must be an exact version like 3.5.16";

  /** A node name: a DNS-1123 subdomain-like name of labels joined by dots. */
  public static final String NODE_NAME =
      "^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$";

  public static final String NODE_NAME_MESSAGE =
      "must be a DNS-1123 subdomain: lower-case labels of letters, digits and '-' joined by dots";

  private Constraints() {}
}
