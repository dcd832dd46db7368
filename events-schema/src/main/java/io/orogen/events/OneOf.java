package io.orogen.events;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.Arrays;

/** The annotated integer must be one of the listed values (null is left to {@code @NotNull}). */
@Retention(RetentionPolicy.RUNTIME)
@Target({
  ElementType.FIELD,
  ElementType.PARAMETER,
  ElementType.METHOD,
  ElementType.RECORD_COMPONENT
})
@Constraint(validatedBy = OneOf.Validator.class)
public @interface OneOf {

  int[] value();

  String message() default "must be one of {value}";

  Class<?>[] groups() default {};

  Class<? extends Payload>[] payload() default {};

  /** Checks {@link OneOf}. */
  class Validator implements ConstraintValidator<OneOf, Integer> {
    private int[] allowed;

    @Override
    public void initialize(OneOf annotation) {
      allowed = annotation.value();
    }

    @Override
    public boolean isValid(Integer value, ConstraintValidatorContext context) {
      return value == null || Arrays.stream(allowed).anyMatch(a -> a == value);
    }
  }
}
