package dev.evolve.eval.bytecode;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ForbiddenApiTest {

    @Test
    void aTypesOwnReasonComesBeforeItsPackages() {
        assertThat(ForbiddenApi.type("java.lang.Thread")).hasValue("threads");
        assertThat(ForbiddenApi.type("java.util.concurrent.ForkJoinPool")).hasValue("threads and concurrency");
        assertThat(ForbiddenApi.type("java.lang.reflect.Method")).hasValue("reflection");
        assertThat(ForbiddenApi.type("java.lang.Math")).isEmpty();
        assertThat(ForbiddenApi.type("java.util.ArrayList")).isEmpty();
    }

    @Test
    void packagesMatchWholeSegmentsOnly() {
        assertThat(ForbiddenApi.inPackage("java.io")).hasValue("file and I/O access");
        assertThat(ForbiddenApi.inPackage("java.nio.file")).hasValue("file and I/O access");
        assertThat(ForbiddenApi.inPackage("com.sun.management")).hasValue("JDK internals");
        assertThat(ForbiddenApi.inPackage("com.sunny.kernels")).isEmpty();
        assertThat(ForbiddenApi.inPackage("java.iox")).isEmpty();
        assertThat(ForbiddenApi.inPackage("java.util.stream")).isEmpty();
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
