package dev.evolve.eval.bytecode;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ForbiddenApiTest {

    /** A type's own entry wins over its package's; types of open packages have no reason (blank). */
    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource({
            "java.lang.Thread, threads",
            "java.util.concurrent.ForkJoinPool, threads and concurrency",
            "java.lang.reflect.Method, reflection",
            "java.lang.Math,",
            "java.util.ArrayList,"})
    void aTypesOwnReasonComesBeforeItsPackages(String type, String reason) {
        assertThat(ForbiddenApi.type(type)).isEqualTo(Optional.ofNullable(reason));
    }

    /** A prefix matches whole name segments only ({@code java.io} is not {@code java.iox}). */
    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource({
            "java.io, file and I/O access",
            "java.nio.file, file and I/O access",
            "com.sun.management, JDK internals",
            "com.sunny.kernels,",
            "java.iox,",
            "java.util.stream,"})
    void packagesMatchWholeSegmentsOnly(String name, String reason) {
        assertThat(ForbiddenApi.inPackage(name)).isEqualTo(Optional.ofNullable(reason));
    }

    @Test
    void theSourceChecksSimpleNamesCarryTheSameReasons() {
        assertThat(ForbiddenApi.simpleNames())
                .containsEntry("Thread", "threads")
                .containsEntry("Executors", "threads and concurrency")
                .containsEntry("Files", "file and I/O access")
                .containsEntry("Unsafe", "JDK internals")
                .containsEntry("Formatter", "it writes files")
                .doesNotContainKeys("Math", "System", "Integer");
    }
}
