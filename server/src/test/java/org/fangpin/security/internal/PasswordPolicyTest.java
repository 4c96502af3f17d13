package org.fangpin.security.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PasswordPolicyTest {

    @Test
    void needsLengthLettersAndDigitsAndNotTheUserName() {
        assertThat(PasswordPolicy.breach("zhang", "Abc12345")).contains("password.tooShort");
        assertThat(PasswordPolicy.breach("zhang", "abcdefghijk")).contains("password.lettersAndDigits");
        assertThat(PasswordPolicy.breach("zhang", "12345678901")).contains("password.lettersAndDigits");
        assertThat(PasswordPolicy.breach("zhang", "Zhang2026-x")).contains("password.containsUsername");
        assertThat(PasswordPolicy.breach("zhang", "红安县2026年扶贫工作")).isEmpty();
        assertThat(PasswordPolicy.breach("zhang", "Better-pass-2026")).isEmpty();
    }
}
