package org.sqlwarehouse.engine;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.sqlwarehouse.environment.TargetDefinition;

/** No part of a password survives masking, whatever it contains and however its key is written. */
class UrlMaskingTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "jdbc:postgresql://h/db?user=a&password=Secret;tail                | jdbc:postgresql://h/db?user=a&password=****",
        "jdbc:postgresql://h/db?password=Secret;tail&ssl=true              | jdbc:postgresql://h/db?password=****&ssl=true",
        "jdbc:postgresql://h/db?PASSWORD=Secret;tail                       | jdbc:postgresql://h/db?PASSWORD=****",
        "jdbc:postgresql://h/db?user=a&sslpassword=Key;pass                | jdbc:postgresql://h/db?user=a&sslpassword=****",
        "jdbc:sqlserver://h;user=a;password = Sec;ret;encrypt=true         | jdbc:sqlserver://h;user=a;password = ****;encrypt=true",
        "jdbc:sqlserver://h;password={Sec;ret};user=a                      | jdbc:sqlserver://h;password=****;user=a",
        "url password=\"Sec;r et\" rest                                    | url password=**** rest",
        "url pwd='Sec;r et' rest                                           | url pwd=**** rest",
        "jdbc:postgresql://alice:p@ss;w:rd@host:5432/db                     | jdbc:postgresql://alice:****@host:5432/db",
        "jdbc:postgresql://alice:p@ss@host:5432/db?password=x%26y           | jdbc:postgresql://alice:****@host:5432/db?password=****",
    })
    void masksEveryFormOfPassword(String url, String masked) {
        assertThat(UrlMasking.mask(url)).isEqualTo(masked);
    }

    @Test
    void leavesAUrlWithoutPasswordAlone() {
        String url = "jdbc:postgresql://h:5432/db?user=alice&ssl=true";
        assertThat(UrlMasking.mask(url)).isEqualTo(url);
    }

    @Test
    void scrubRemovesAPasswordThatComesOnlyFromTheUrl() {
        TargetDefinition def = TargetDefinition.builder("prod").type("postgres")
                .url("jdbc:postgresql://h/db?user=a&password=Sec%40ret;x").build();
        String serverText = "invalid value for parameter: \"Sec@ret;x\" and Sec%40ret;x";

        assertThat(UrlMasking.scrub(serverText, def)).doesNotContain("Sec").contains("****");
    }

    @Test
    void scrubRemovesUserInfoAndPropertyPasswords() {
        TargetDefinition def = TargetDefinition.builder("prod").type("postgres")
                .url("jdbc:postgresql://alice:UiSecret@h/db").properties(java.util.Map.of("password", "PropSecret"))
                .build();

        assertThat(UrlMasking.scrub("got UiSecret and PropSecret", def)).isEqualTo("got **** and ****");
    }
}
