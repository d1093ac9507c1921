-- Issue 12: one-time sign-in links of the operators' dashboard. A link's id is recorded when it is
-- redeemed; the primary key lets exactly one replica redeem it. Rows past their expiry prove nothing
-- more (the link is refused as expired anyway) and may be deleted.
CREATE TABLE dashboard_sign_in_link (
    id          VARCHAR(64)                 NOT NULL,
    expires_at  TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    redeemed_at TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    CONSTRAINT dashboard_sign_in_link_pk PRIMARY KEY (id)
);
