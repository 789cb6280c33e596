-- domainchat schema upgrade 1 -> 2 (sqlserver): chat aliases
CREATE TABLE dcAlias (
    name            NVARCHAR(64) NOT NULL,
    displayName     NVARCHAR(255) NOT NULL,
    groupName       NVARCHAR(255),
    enabled         INTEGER NOT NULL,
    visibleTo       NVARCHAR(15) NOT NULL,
    storeOffline    INTEGER NOT NULL,
    CONSTRAINT dcAlias_pk PRIMARY KEY (name)
);
CREATE TABLE dcAliasMember (
    aliasName       NVARCHAR(64) NOT NULL,
    username        NVARCHAR(64) NOT NULL,
    CONSTRAINT dcAliasMember_pk PRIMARY KEY (aliasName, username)
);
UPDATE ofVersion SET version = 2 WHERE name = 'domainchat';
