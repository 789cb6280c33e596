-- domainchat schema upgrade 4 -> 5 (mariadb): contacts removed from rosters
-- Colleagues and aliases a user removed from their own contact list (roster): left out of that user's roster and
-- roster pushes until they add the contact again. username and contact are JID nodes (a username, or an alias
-- name), at most 64 characters like Openfire's ofUser.username; hiddenAt is when (epoch milliseconds).
CREATE TABLE dcHiddenContact (
    username        VARCHAR(64) NOT NULL,
    contact         VARCHAR(64) NOT NULL,
    hiddenAt        BIGINT NOT NULL,
    CONSTRAINT dcHiddenContact_pk PRIMARY KEY (username, contact)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
UPDATE ofVersion SET version = 5 WHERE name = 'domainchat';
