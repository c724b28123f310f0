package io.iamledger.query.readmodel;

import java.time.Instant;

/** A user's login profile as {@code GetLoginProfile} shows it. Never the password. */
public record LoginProfile(String userName, Instant createDate, boolean passwordResetRequired) {}
