package dev.evolve.eval.compile;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BytesClassLoaderTest {

    @Test
    void servesTheClassFilesItDefinesAsResources() throws Exception {
        var compiled = (InMemoryCompiler.Result.Compiled) new InMemoryCompiler()
                .compile("Kern", "public final class Kern { static class Inner { } int f() { return 1; } }");
        var loader = new BytesClassLoader(compiled.classes(), getClass().getClassLoader());

        try (InputStream in = loader.getResourceAsStream("Kern.class")) {
            assertThat(in).isNotNull();
            assertThat(in.readAllBytes()).isEqualTo(compiled.classes().get("Kern"));
        }
        try (InputStream in = loader.loadClass("Kern").getResourceAsStream("Kern$Inner.class")) {
            assertThat(in.readAllBytes()).isEqualTo(compiled.classes().get("Kern$Inner"));
        }
        assertThat(loader.getResourceAsStream("Absent.class")).isNull();
        assertThat(loader.getResourceAsStream("Kern.java")).isNull();
    }

    @Test
    void theParentsResourcesComeFirst() throws Exception {
        var loader = new BytesClassLoader(Map.of("java.lang.String", new byte[] {1, 2, 3}), getClass().getClassLoader());
        String own = getClass().getName().replace('.', '/') + ".class";

        try (InputStream in = loader.getResourceAsStream(own)) {
            assertThat(in).isNotNull();
        }
        try (InputStream in = loader.getResourceAsStream("java/lang/String.class")) {
            assertThat(in.readAllBytes()).hasSizeGreaterThan(3);
        }
    }
}
