package com.contoso.avd.cleanup;

import java.util.regex.Pattern;

/** A user principal name glob: {@code *} any run of characters, {@code ?} one character; case-insensitive. */
public final class UpnPattern {
    private final String glob;
    private final Pattern regex;

    private UpnPattern(String glob, Pattern regex) {
        this.glob = glob;
        this.regex = regex;
    }

    public static UpnPattern of(String glob) {
        StringBuilder regex = new StringBuilder();
        StringBuilder literal = new StringBuilder();
        for (char c : glob.toCharArray()) {
            if (c == '*' || c == '?') {
                regex.append(Pattern.quote(literal.toString())).append(c == '*' ? ".*" : ".");
                literal.setLength(0);
            } else {
                literal.append(c);
            }
        }
        regex.append(Pattern.quote(literal.toString()));
        return new UpnPattern(glob, Pattern.compile(regex.toString(),
                Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE | Pattern.DOTALL));
    }

    /** Whether {@code upn} matches; a session without a UPN is matched as {@code ""}. */
    public boolean matches(String upn) {
        return regex.matcher(upn == null ? "" : upn).matches();
    }

    @Override
    public String toString() {
        return glob;
    }
}
