package io.iamledger.events.document;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ConditionValuesTest {

    @ParameterizedTest
    @CsvSource({"10,10", "-1.5,-1.5", "+3,3", ".5,0.5", "5.,5", "007,7"})
    void parsesDecimalNumbers(String text, String expected) {
        assertThat(ConditionValues.parseNumber(text)).hasValueSatisfying(
                number -> assertThat(number).isEqualByComparingTo(new BigDecimal(expected)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "-", ".", "1e3", "1,000", " 1", "NaN", "\u0661"})
    void rejectsOtherNumberText(String text) {
        assertThat(ConditionValues.parseNumber(text)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({
        "1714560000,2024-05-01T10:40:00Z",
        "0,1970-01-01T00:00:00Z",
        "2024,1970-01-01T00:33:44Z",
        "2024-05,2024-05-01T00:00:00Z",
        "2024-05-01,2024-05-01T00:00:00Z",
        "2024-05-01T12,2024-05-01T12:00:00Z",
        "2024-05-01t12:30,2024-05-01T12:30:00Z",
        "2024-05-01T12:30:15Z,2024-05-01T12:30:15Z",
        "2024-05-01T12:30:15.123456789Z,2024-05-01T12:30:15.123456789Z",
        "2024-05-01T12:30:15+02:00,2024-05-01T10:30:15Z",
        "2024-05-01T12:30:15-0130,2024-05-01T14:00:15Z",
        "2024-02-29T00:00:00Z,2024-02-29T00:00:00Z"})
    void parsesEpochSecondsAndIsoDates(String text, String expected) {
        assertThat(ConditionValues.parseDate(text)).contains(Instant.parse(expected));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "yesterday", "2023-02-29", "2024-00-01", "2024-05-01T24:00", "2024-05-01T12:60",
        "2024-05-01T12:00:00.Z", "2024-05-01T12:00:00+19:00", "2024-05-01T12:00:00+02:", "24-05-01", "1e9",
        "999999999999999999", "2024-05-01T12:00:00.1234567891Z"})
    void rejectsOtherDateText(String text) {
        assertThat(ConditionValues.parseDate(text)).isEmpty();
    }

    @Test
    void parsesBooleansInAnyCase() {
        assertThat(ConditionValues.parseBoolean("TRUE")).contains(true);
        assertThat(ConditionValues.parseBoolean("false")).contains(false);
        assertThat(ConditionValues.parseBoolean("1")).isEmpty();
    }
}
