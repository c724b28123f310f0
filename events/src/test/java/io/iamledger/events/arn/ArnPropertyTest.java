package io.iamledger.events.arn;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Combinators;

import static org.assertj.core.api.Assertions.assertThat;

class ArnPropertyTest {

    @Property
    void formattingThenParsingGivesTheSameArn(@ForAll("arns") Arn arn) {
        Arn parsed = Arn.parse(arn.toString());

        assertThat(parsed).isEqualTo(arn);
        assertThat(Arn.accountOf(arn.toString())).contains(arn.account());
    }

    @Property
    void parsingThenFormattingGivesTheSameText(@ForAll("arnTexts") String text) {
        assertThat(Arn.parse(text)).hasToString(text);
    }

    @Property
    void theNameIsTheLastSegmentAndThePathWhatLiesBetween(@ForAll("names") String name, @ForAll("paths") String path) {
        Arn user = Arn.user("123456789012", path, name);

        assertThat(user.resourceName()).isEqualTo(name);
        assertThat(user.path()).contains(path);
        assertThat(user.resourceType()).isEqualTo("user");
    }

    @Provide
    Arbitrary<Arn> arns() {
        Arbitrary<String> field = Arbitraries.strings().withChars("abc-09").ofMaxLength(6);
        Arbitrary<String> nonEmpty = Arbitraries.strings().withChars("abc-09").ofMinLength(1).ofMaxLength(6);
        Arbitrary<String> resource = Arbitraries.strings().withChars("ab/:*-").ofMaxLength(12);
        return Combinators.combine(nonEmpty, nonEmpty, field, field, resource).as(Arn::new);
    }

    @Provide
    Arbitrary<String> arnTexts() {
        return arns().map(Arn::toString);
    }

    @Provide
    Arbitrary<String> names() {
        return Arbitraries.strings().withChars("abcXYZ019_+=,.@-").ofMinLength(1).ofMaxLength(20);
    }

    @Provide
    Arbitrary<String> paths() {
        return names().list().ofMaxSize(3).map(segments -> {
            StringBuilder path = new StringBuilder("/");
            segments.forEach(segment -> path.append(segment).append('/'));
            return path.toString();
        });
    }
}
