package dev.evolve.engine.db;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SourceHashTest {

    private static final String BASE = """
            class A {
                int f(int x) {
                    return x + 1; // one more
                }
            }
            """;

    @Test
    void commentsWhitespaceAndBlankLinesDoNotChangeTheId() {
        String reformatted = """
                /* header */
                class A{

                  int f( int x ){ /* the
                  body */ return x+1;
                  }
                }""";
        assertThat(SourceHash.of(reformatted)).isEqualTo(SourceHash.of(BASE));
        assertThat(SourceHash.of("a\r\nb\tc")).isEqualTo(SourceHash.of("a b   c"));
    }

    @Test
    void anyTokenChangeChangesTheId() {
        assertThat(SourceHash.of(BASE.replace("x + 1", "x + 2"))).isNotEqualTo(SourceHash.of(BASE));
        assertThat(SourceHash.of(BASE.replace("x + 1", "x - 1"))).isNotEqualTo(SourceHash.of(BASE));
        assertThat(SourceHash.of(BASE.replace("int f", "int g"))).isNotEqualTo(SourceHash.of(BASE));
        assertThat(SourceHash.of("int ab;")).isNotEqualTo(SourceHash.of("int a b;"));
    }

    @Test
    void operatorsSplitByMaximalMunchSoSpacingInsideOperatorsMatters() {
        assertThat(SourceHash.of("y = a - -b;")).isNotEqualTo(SourceHash.of("y = a--b;"));
        assertThat(SourceHash.of("y = a + +b;")).isNotEqualTo(SourceHash.of("y = a++b;"));
        assertThat(SourceHash.of("x=-1;")).isEqualTo(SourceHash.of("x = - 1 ;"));
        assertThat(SourceHash.of("i>>>=2;")).isEqualTo(SourceHash.of("i >>>= 2;"));
        assertThat(SourceHash.normalize("a>>=b")).isEqualTo("a >>= b");
    }

    @Test
    void literalsAreKeptVerbatimIncludingCommentMarkersAndSpaces() {
        assertThat(SourceHash.of("s = \"a  b\";")).isNotEqualTo(SourceHash.of("s = \"a b\";"));
        assertThat(SourceHash.of("s = \"// not a comment\"; t = 1;"))
                .isNotEqualTo(SourceHash.of("s = \"// not a comment\"; t = 2;"));
        assertThat(SourceHash.normalize("s = \"/* x */\" + '\"' + '\\'' ;"))
                .isEqualTo("s = \"/* x */\" + '\"' + '\\'' ;");
        assertThat(SourceHash.normalize("s = \"a\\\"b // c\";")).isEqualTo("s = \"a\\\"b // c\" ;");
        String textBlock = "s = \"\"\"\n   two  spaces\n   \"\"\";";
        assertThat(SourceHash.normalize(textBlock)).isEqualTo("s = \"\"\"\n   two  spaces\n   \"\"\" ;");
    }

    @Test
    void numbersWithExponentsAndSuffixesAreSingleTokens() {
        assertThat(SourceHash.normalize("d = 1.5e-3 + .5f - 0x1.8p+1 + 1_000L;"))
                .isEqualTo("d = 1.5e-3 + .5f - 0x1.8p+1 + 1_000L ;");
        assertThat(SourceHash.normalize("h = 0xE-1;")).isEqualTo("h = 0xE - 1 ;");
        assertThat(SourceHash.of("d = 1e-5;")).isNotEqualTo(SourceHash.of("d = 1e-6;"));
    }

    @Test
    void unterminatedConstructsStillHash() {
        assertThat(SourceHash.of("class A { /* never closed")).isEqualTo(SourceHash.of("class A {"));
        assertThat(SourceHash.of("s = \"open")).hasSize(64);
    }

    @Test
    void idsAreLowerCaseSha256Hex() {
        String id = SourceHash.of(BASE);
        assertThat(id).matches("[0-9a-f]{64}");
        assertThat(SourceHash.isId(id)).isTrue();
        assertThat(SourceHash.isId(id.toUpperCase())).isFalse();
        assertThat(SourceHash.isId("abc")).isFalse();
        // SHA-256 of the empty string: the empty source normalizes to nothing.
        assertThat(SourceHash.of(" // only a comment\n"))
                .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    }
}
