package com.contoso.avd.cleanup;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class UpnPatternTest {
    @Test
    void starMatchesAnyRunAndIsCaseInsensitive() {
        UpnPattern contoso = UpnPattern.of("*@contoso.com");
        assertTrue(contoso.matches("alice@contoso.com"));
        assertTrue(contoso.matches("Bob.Smith@CONTOSO.COM"));
        assertTrue(contoso.matches("@contoso.com"));
        assertFalse(contoso.matches("alice@contoso.com.evil"));
        assertFalse(contoso.matches("alice@fabrikam.com"));
    }

    @Test
    void questionMarkMatchesExactlyOneCharacter() {
        UpnPattern kiosk = UpnPattern.of("kiosk-??@contoso.com");
        assertTrue(kiosk.matches("kiosk-07@contoso.com"));
        assertFalse(kiosk.matches("kiosk-7@contoso.com"));
        assertFalse(kiosk.matches("kiosk-107@contoso.com"));
    }

    @Test
    void everythingElseIsLiteral() {
        UpnPattern dotted = UpnPattern.of("a.b+(c)@x.com");
        assertTrue(dotted.matches("a.b+(c)@x.com"));
        assertFalse(dotted.matches("axb+(c)@x.com"));
        assertFalse(dotted.matches("a.bb(c)@x.com"));
    }

    @Test
    void aSessionWithoutUpnMatchesOnlyStar() {
        assertTrue(UpnPattern.of("*").matches(null));
        assertFalse(UpnPattern.of("*@contoso.com").matches(null));
    }
}
