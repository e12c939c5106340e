package dev.evolve.kernels.custom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SizeExpressionTest {

    @ParameterizedTest(name = "{0} at n={1}")
    @CsvSource(delimiter = ';', value = {
            "n; 7; 7",
            "2*n; 7; 14",
            "2*n^2 + n; 10; 210",
            "n*n*8; 3; 72",
            "(n+1)*(n-1); 5; 24",
            "2^3^2; 1; 512",
            "-n + 10; 4; 6",
            "- -n; 4; 4",
            "n/4; 8; 2",
            "1e3 * n; 2; 2000",
            "2.5e-1*n; 8; 2",
            "  3 * ( n + 2 )  ; 1; 9",
            "16; 99; 16"})
    void evaluates(String text, double n, double expected) {
        assertThat(SizeExpression.parse(text).at(n)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', value = {
            "n*; expected a number, n or '(' but the expression ended at position 3",
            "2n; a number must not run into a name at position 2",
            "m + 1; unknown name 'm' (only n is known) at position 1",
            "nn; unknown name 'nn' (only n is known) at position 1",
            "(n + 1; expected ')' at position 7",
            "n + 1); unexpected ')' at position 6",
            "n $ 2; unexpected '$' at position 3",
            "1e+; malformed exponent at position 2",
            "1..2; malformed number '1..2' at position 1",
            "Math.exp(n); unknown name 'Math' (only n is known) at position 1"})
    void refusesWhatIsNotArithmeticInN(String text, String message) {
        assertThatThrownBy(() -> SizeExpression.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("cannot parse '" + text + "': " + message);
    }

    @Test
    void refusesEmptyLongAndDeeplyNestedExpressions() {
        assertThatThrownBy(() -> SizeExpression.parse(" ")).hasMessageContaining("empty");
        assertThatThrownBy(() -> SizeExpression.parse("n+".repeat(150) + "n")).hasMessageContaining("longer than 200");
        assertThatThrownBy(() -> SizeExpression.parse("(".repeat(40) + "n" + ")".repeat(40)))
                .hasMessageContaining("nested deeper than");
    }

    @Test
    void keepsItsText() {
        assertThat(SizeExpression.parse(" 2*n ").text()).isEqualTo("2*n");
        assertThat(SizeExpression.parse("2*n")).isEqualTo(SizeExpression.parse(" 2*n"));
    }
}
