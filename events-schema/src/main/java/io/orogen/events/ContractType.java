package io.orogen.events;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Names a payload in the contract. With its domain it makes the CloudEvents type {@code
 * io.orogen.<domain>.<name>.v<version>}. A published version never changes incompatibly; a breaking
 * change is a new record with {@code version = 2}.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface ContractType {

  /** The name in the type; the record's simple name when empty. */
  String name() default "";

  /** The major version. */
  int version() default 1;

  /** What the payload means, for the JSON Schema and the AsyncAPI document. */
  String description();
}
