package org.fangpin.common.web;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Refusals an API operation can answer with beyond those its shape implies (a 409 where a record's state can refuse
 * the step): the API description lists them with the problem-document schema ({@link ApiDescription}).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Refusals {

    /** HTTP statuses, e.g. 409. */
    int[] value();
}
