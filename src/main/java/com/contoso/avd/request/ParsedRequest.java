package com.contoso.avd.request;

/** One item of a request body: either a valid request or the reason it is not one. */
public record ParsedRequest(DisconnectRequest request, InvalidRequestException error) {
    public static ParsedRequest valid(DisconnectRequest request) {
        return new ParsedRequest(request, null);
    }

    public static ParsedRequest invalid(InvalidRequestException error) {
        return new ParsedRequest(null, error);
    }

    public boolean isValid() {
        return request != null;
    }

    public String requestId() {
        return isValid() ? request.requestId() : error.requestId();
    }
}
