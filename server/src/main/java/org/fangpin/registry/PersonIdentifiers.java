package org.fangpin.registry;

import java.util.Locale;
import org.fangpin.security.FieldCipher;
import org.springframework.stereotype.Component;

/**
 * How a person's ID and phone numbers are kept at rest: sealed (AES-GCM, {@link FieldCipher}), with a lookup hash
 * beside each for exact search and for matching department feeds, and the masked form for lists and pages that
 * need no decryption. Feeds match registry persons by {@link #idLookup}.
 */
@Component
public final class PersonIdentifiers {

    /** Purposes: associated data of the sealed values and domain of their lookup hashes. */
    public static final String ID_NUMBER = "person.id_number";

    public static final String PHONE = "person.phone";

    private final FieldCipher cipher;

    public PersonIdentifiers(FieldCipher cipher) {
        this.cipher = cipher;
    }

    /** The columns stored for one person's ID and phone numbers. */
    public record Sealed(
            byte[] idHash,
            byte[] idSealed,
            String idMasked,
            byte[] phoneHash,
            byte[] phoneSealed,
            String phoneMasked) {}

    public Sealed seal(String idNumber, String phone) {
        String id = idNumber.toUpperCase(Locale.ROOT);
        return new Sealed(
                cipher.lookup(ID_NUMBER, id),
                cipher.encrypt(ID_NUMBER, id),
                IdNumber.mask(id),
                cipher.lookup(PHONE, phone),
                cipher.encrypt(PHONE, phone),
                Registry.maskPhone(phone));
    }

    /** The lookup hash of an ID number, as stored in {@code person.id_number_hash}. */
    public byte[] idLookup(String idNumber) {
        return cipher.lookup(ID_NUMBER, idNumber.strip().toUpperCase(Locale.ROOT));
    }

    public String openId(byte[] sealed) {
        return cipher.decrypt(ID_NUMBER, sealed);
    }

    public String openPhone(byte[] sealed) {
        return cipher.decrypt(PHONE, sealed);
    }
}
