-- domainchat schema upgrade 4 -> 5 (oracle): contacts removed from rosters
-- Colleagues and aliases a user removed from their own contact list (roster): left out of that user's roster and
-- roster pushes until they add the contact again. username and contact are JID nodes (a username, or an alias
-- name), at most 64 characters like Openfire's ofUser.username; hiddenAt is when (epoch milliseconds).
CREATE TABLE dcHiddenContact (
    username        VARCHAR2(64 CHAR) NOT NULL,
    contact         VARCHAR2(64 CHAR) NOT NULL,
    hiddenAt        NUMBER(19) NOT NULL,
    CONSTRAINT dcHiddenContact_pk PRIMARY KEY (username, contact)
);
UPDATE ofVersion SET version = 5 WHERE name = 'domainchat';
