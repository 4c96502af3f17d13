package org.fangpin.security.internal;

import java.util.Optional;

/** 口令策略: at least 10 characters, letters and digits, not the user name. Returns the message key of a breach. */
public final class PasswordPolicy {

    public static final int MIN_LENGTH = 10;

    private PasswordPolicy() {}

    public static Optional<String> breach(String username, String password) {
        if (password == null || password.length() < MIN_LENGTH) {
            return Optional.of("password.tooShort");
        }
        boolean letter = password.chars().anyMatch(Character::isLetter);
        boolean digit = password.chars().anyMatch(Character::isDigit);
        if (!letter || !digit) {
            return Optional.of("password.lettersAndDigits");
        }
        if (password.toLowerCase().contains(username.toLowerCase())) {
            return Optional.of("password.containsUsername");
        }
        return Optional.empty();
    }
}
