package dev.toolyard.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ContextConfiguration;

/**
 * A running Toolyard on a random port, on its own database of the shared test PostgreSQL, with
 * an instance admin made from the bootstrap settings and a clock tests can move. Classes with
 * the same annotations share one context, and so one server and database.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "toolyard.admin.email=" + ToolyardTest.ADMIN_EMAIL,
        "toolyard.admin.password=" + ToolyardTest.ADMIN_PASSWORD,
        "toolyard.data-dir=target/test-data" })
@ContextConfiguration(initializers = FreshDatabase.class)
@Import(TestClockConfiguration.class)
public @interface ToolyardTest {

    String ADMIN_EMAIL = "admin@toolyard.test";
    String ADMIN_PASSWORD = "correct horse battery staple";
}
