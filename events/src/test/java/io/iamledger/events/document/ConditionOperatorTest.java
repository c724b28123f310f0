package io.iamledger.events.document;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ConditionOperatorTest {

    @Test
    void parsesBaseNameQualifierAndIfExists() {
        ConditionOperator operator = ConditionOperator.parse("ForAllValues:ArnLikeIfExists").orElseThrow();

        assertThat(operator.text()).isEqualTo("ForAllValues:ArnLikeIfExists");
        assertThat(operator.name()).isEqualTo("ArnLike");
        assertThat(operator.setQualifier()).isEqualTo(ConditionOperator.SetQualifier.FOR_ALL_VALUES);
        assertThat(operator.ifExists()).isTrue();
        assertThat(operator).hasToString("ForAllValues:ArnLikeIfExists");
    }

    @Test
    void returnsEmptyForUnknownOrNullText() {
        assertThat(ConditionOperator.parse(null)).isEmpty();
        assertThat(ConditionOperator.parse("")).isEmpty();
        assertThat(ConditionOperator.parse("NullIfExists")).isEmpty();
    }

    @Test
    void comparesByText() {
        assertThat(ConditionOperator.parse("Bool")).isEqualTo(ConditionOperator.parse("Bool"));
        assertThat(ConditionOperator.parse("Bool")).isNotEqualTo(ConditionOperator.parse("BoolIfExists"));
    }
}
