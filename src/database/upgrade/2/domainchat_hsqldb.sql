-- domainchat schema upgrade 1 -> 2 (hsqldb): chat aliases
CREATE CACHED TABLE dcAlias (
    name            VARCHAR(64) NOT NULL,
    displayName     VARCHAR(255) NOT NULL,
    groupName       VARCHAR(255),
    enabled         INTEGER NOT NULL,
    visibleTo       VARCHAR(15) NOT NULL,
    storeOffline    INTEGER NOT NULL,
    CONSTRAINT dcAlias_pk PRIMARY KEY (name)
);
CREATE CACHED TABLE dcAliasMember (
    aliasName       VARCHAR(64) NOT NULL,
    username        VARCHAR(64) NOT NULL,
    CONSTRAINT dcAliasMember_pk PRIMARY KEY (aliasName, username)
);
UPDATE ofVersion SET version = 2 WHERE name = 'domainchat';
