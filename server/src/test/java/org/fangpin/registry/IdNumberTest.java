package org.fangpin.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.fangpin.registry.IdNumber.Problem;
import org.junit.jupiter.api.Test;

class IdNumberTest {

    static final LocalDate TODAY = LocalDate.of(2026, 11, 23);

    /** A number published in GB 11643-1999's own example. */
    static final String STANDARD_EXAMPLE = "11010519491231002X";

    @Test
    void acceptsTheStandardsExampleWithXCheckCharacter() {
        assertThat(IdNumber.problem(STANDARD_EXAMPLE, TODAY)).isEmpty();
        IdNumber.Parsed p = IdNumber.parse(STANDARD_EXAMPLE, TODAY).orElseThrow();
        assertThat(p.birthDate()).isEqualTo(LocalDate.of(1949, 12, 31));
        assertThat(p.sex()).isEqualTo(Sex.F); // sequence 002 is even
    }

    @Test
    void acceptsLowerCaseXAndNormalisesIt() {
        IdNumber.Parsed p = IdNumber.parse("11010519491231002x", TODAY).orElseThrow();
        assertThat(p.value()).isEqualTo(STANDARD_EXAMPLE);
    }

    @Test
    void computesCheckCharacters() {
        assertThat(IdNumber.checkChar("11010519491231002")).isEqualTo('X');
        assertThat(IdNumber.checkChar("44052419800101001")).isEqualTo('3');
        assertThat(IdNumber.problem("440524198001010013", TODAY)).isEmpty();
    }

    @Test
    void rejectsAWrongCheckDigit() {
        assertThat(IdNumber.problem("110105194912310021", TODAY)).contains(Problem.CHECK_DIGIT);
        assertThat(IdNumber.problem("440524198001010014", TODAY)).contains(Problem.CHECK_DIGIT);
    }

    @Test
    void rejectsAnImpossibleBirthDateEvenWithAMatchingCheckDigit() {
        String first17 = "42112220230230001"; // 30 February 2023
        assertThat(IdNumber.problem(first17 + IdNumber.checkChar(first17), TODAY))
                .contains(Problem.BIRTH_DATE);
        String month13 = "42112220231301001";
        assertThat(IdNumber.problem(month13 + IdNumber.checkChar(month13), TODAY))
                .contains(Problem.BIRTH_DATE);
    }

    @Test
    void rejectsABirthDateInTheFuture() {
        String first17 = "42112220270101001";
        assertThat(IdNumber.problem(first17 + IdNumber.checkChar(first17), TODAY))
                .contains(Problem.BIRTH_DATE);
    }

    @Test
    void rejectsWrongLengthCharactersAndRegion() {
        assertThat(IdNumber.problem("11010519491231002", TODAY)).contains(Problem.LENGTH);
        assertThat(IdNumber.problem(null, TODAY)).contains(Problem.LENGTH);
        assertThat(IdNumber.problem("1101051949123100AX", TODAY)).contains(Problem.CHARACTERS);
        assertThat(IdNumber.problem("11010519491231002Y", TODAY)).contains(Problem.CHARACTERS);
        String first17 = "99010519491231002";
        assertThat(IdNumber.problem(first17 + IdNumber.checkChar(first17), TODAY))
                .contains(Problem.REGION);
    }

    @Test
    void masksAllButPrefixAndLastFour() {
        assertThat(IdNumber.mask(STANDARD_EXAMPLE)).isEqualTo("110105********002X");
    }
}
