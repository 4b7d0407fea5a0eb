package dev.toolyard.runtime.components;

import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares which of a component type's catalog properties, events and outputs a browser test
 * drives and checks; {@link ComponentCatalogCoverageTest} fails for any the catalog declares that
 * no test claims, so a new property cannot ship untested.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
@Repeatable(Exercises.List.class)
@interface Exercises {

    String type();

    String[] properties() default {};

    String[] events() default {};

    String[] outputs() default {};

    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.METHOD)
    @interface List {
        Exercises[] value();
    }
}
