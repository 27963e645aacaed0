/* schema.c: duet's schema, one migration per version (see schema.h).
 * Never edit a migration that has shipped; add a new one. */
#include "schema.h"

const struct migration schema_migrations[] = {
	{ 1, "accounts, sessions, couples, invites, sign-in throttling",
	  "CREATE TABLE users ("
	  " id @ID@,"
	  " login TEXT NOT NULL UNIQUE,"
	  " name TEXT NOT NULL,"
	  " kind TEXT NOT NULL DEFAULT 'partner',"
	  " pw_rec TEXT NOT NULL,"
	  " key_pass TEXT NOT NULL,"
	  " key_recovery TEXT NOT NULL,"
	  " created_at BIGINT NOT NULL);"
	  "CREATE TABLE sessions ("
	  " id TEXT PRIMARY KEY,"
	  " user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,"
	  " created_at BIGINT NOT NULL,"
	  " expires_at BIGINT NOT NULL,"
	  " key_session TEXT NOT NULL);"
	  "CREATE INDEX sessions_user ON sessions(user_id);"
	  "CREATE TABLE couples ("
	  " id @ID@,"
	  " created_at BIGINT NOT NULL);"
	  "CREATE TABLE couple_members ("
	  " user_id BIGINT PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,"
	  " couple_id BIGINT NOT NULL REFERENCES couples(id) ON DELETE CASCADE,"
	  " joined_at BIGINT NOT NULL);"
	  "CREATE INDEX couple_members_couple ON couple_members(couple_id);"
	  "CREATE TABLE invites ("
	  " id @ID@,"
	  " couple_id BIGINT NOT NULL REFERENCES couples(id) ON DELETE CASCADE,"
	  " code_hash TEXT NOT NULL UNIQUE,"
	  " created_by BIGINT REFERENCES users(id) ON DELETE SET NULL,"
	  " created_at BIGINT NOT NULL,"
	  " expires_at BIGINT NOT NULL,"
	  " used_at BIGINT,"
	  " revoked_at BIGINT);"
	  "CREATE INDEX invites_couple ON invites(couple_id);"
	  "CREATE TABLE throttle ("
	  " key TEXT PRIMARY KEY,"
	  " failures BIGINT NOT NULL,"
	  " last_at BIGINT NOT NULL);" },
};

const int schema_count = (int)(sizeof schema_migrations / sizeof schema_migrations[0]);
