package io.orogen.events;

import com.fasterxml.jackson.annotation.JsonIgnore;

/** The data of a command or an event: a record whose JSON is the CloudEvent's data. */
public interface Payload {

  /**
   * The id of the aggregate this payload is about (cluster name, node name …): the record key and
   * the CloudEvent's {@code subject}, so all records of one aggregate stay in order.
   */
  @JsonIgnore
  String aggregateId();
}
