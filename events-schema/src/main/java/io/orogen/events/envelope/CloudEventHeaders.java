package io.orogen.events.envelope;

/**
 * Kafka header names of the CloudEvents Kafka protocol binding, binary mode, and of Orogen's
 * extensions. Header values are UTF-8 strings.
 */
public final class CloudEventHeaders {

  public static final String SPEC_VERSION = "ce_specversion";
  public static final String ID = "ce_id";
  public static final String SOURCE = "ce_source";
  public static final String TYPE = "ce_type";
  public static final String SUBJECT = "ce_subject";
  public static final String TIME = "ce_time";

  /** Extension: the operation or saga a record belongs to. */
  public static final String CORRELATION_ID = "ce_correlationid";

  /** Extension: the {@code ce_id} of the record that caused this one. */
  public static final String CAUSATION_ID = "ce_causationid";

  /** The binding maps {@code datacontenttype} to this header. */
  public static final String CONTENT_TYPE = "content-type";

  public static final String JSON = "application/json";

  private CloudEventHeaders() {}
}
