package io.orogen.kit.rest;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.orogen.events.ContractJson;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;

/**
 * REST bodies are read with the contract's rule: no type coercion ({@code "size": "3"} is an
 * invalid field, as it is on Kafka).
 */
@Singleton
public class StrictJson implements ObjectMapperCustomizer {

  @Override
  public void customize(ObjectMapper mapper) {
    ContractJson.refuseCoercion(mapper);
  }
}
