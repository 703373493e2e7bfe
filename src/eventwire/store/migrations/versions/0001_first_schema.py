"""First schema: runs, articles, their annotations, full-text search over articles.

Revision ID: 0001
Revises: (none)

Generated with ``alembic revision --autogenerate`` from ``eventwire/store/schema.py`` and frozen here (a
migration must not change when the schema module does); the full-text parts are written by hand because
they differ by dialect: an FTS5 external-content table kept in step by triggers on SQLite, a GIN index over
``to_tsvector`` on PostgreSQL (the expression must equal the one ``eventwire.store.fulltext`` queries).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


SQLITE_FTS = (
    "CREATE VIRTUAL TABLE articles_fts USING fts5(title, text, content='articles', content_rowid='pk', "
    "tokenize='porter unicode61')",
    "CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN "
    "INSERT INTO articles_fts(rowid, title, text) VALUES (new.pk, new.title, new.text); END",
    "CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN "
    "INSERT INTO articles_fts(articles_fts, rowid, title, text) VALUES ('delete', old.pk, old.title, old.text); END",
    "CREATE TRIGGER articles_fts_update AFTER UPDATE ON articles BEGIN "
    "INSERT INTO articles_fts(articles_fts, rowid, title, text) VALUES ('delete', old.pk, old.title, old.text); "
    "INSERT INTO articles_fts(rowid, title, text) VALUES (new.pk, new.title, new.text); END",
)
SQLITE_FTS_DROP = ("DROP TRIGGER articles_fts_update", "DROP TRIGGER articles_fts_delete",
                   "DROP TRIGGER articles_fts_insert", "DROP TABLE articles_fts")
POSTGRES_FTS = (
    "CREATE INDEX ix_articles_fulltext ON articles "
    "USING gin (to_tsvector('english'::regconfig, coalesce(title, '') || ' ' || text))",
)
POSTGRES_FTS_DROP = ("DROP INDEX ix_articles_fulltext",)


def _run(statements: tuple[str, ...]) -> None:
    for statement in statements:
        op.execute(statement)


def upgrade() -> None:
    op.create_table('runs',
    sa.Column('id', sa.String(length=16), nullable=False),
    sa.Column('schema', sa.String(length=16), nullable=False),
    sa.Column('eventwire', sa.String(length=32), nullable=False),
    sa.Column('pipeline', sa.String(length=128), nullable=False),
    sa.Column('pipeline_version', sa.String(length=32), nullable=True),
    sa.Column('components', sa.JSON(), nullable=False),
    sa.Column('dictionaries', sa.JSON(), nullable=False),
    sa.Column('settings_hash', sa.String(length=16), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_runs'))
    )
    op.create_table('articles',
    sa.Column('pk', sa.Integer(), sa.Identity(always=False), nullable=False),
    sa.Column('id', sa.String(length=64), nullable=False),
    sa.Column('content_hash', sa.String(length=16), nullable=False),
    sa.Column('run_id', sa.String(length=16), nullable=False),
    sa.Column('title', sa.Text(), nullable=True),
    sa.Column('date', sa.String(length=10), nullable=True),
    sa.Column('date_source', sa.String(length=16), nullable=True),
    sa.Column('source', sa.Text(), nullable=True),
    sa.Column('url', sa.Text(), nullable=True),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('metadata', sa.JSON(), nullable=False),
    sa.Column('dateline', sa.JSON(), nullable=True),
    sa.Column('sentences', sa.JSON(), nullable=False),
    sa.Column('entities', sa.JSON(), nullable=False),
    sa.Column('coded_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['run_id'], ['runs.id'], name=op.f('fk_articles_run_id_runs')),
    sa.PrimaryKeyConstraint('pk', name=op.f('pk_articles')),
    sa.UniqueConstraint('id', name=op.f('uq_articles_id'))
    )
    with op.batch_alter_table('articles', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_articles_date'), ['date'], unique=False)
        batch_op.create_index(batch_op.f('ix_articles_run_id'), ['run_id'], unique=False)

    op.create_table('actors',
    sa.Column('article_id', sa.String(length=64), nullable=False),
    sa.Column('n', sa.Integer(), nullable=False),
    sa.Column('id', sa.String(length=64), nullable=False),
    sa.Column('name', sa.Text(), nullable=False),
    sa.Column('code', sa.String(length=32), nullable=True),
    sa.Column('country', sa.String(length=3), nullable=True),
    sa.Column('role', sa.String(length=32), nullable=True),
    sa.Column('type', sa.String(length=16), nullable=False),
    sa.ForeignKeyConstraint(['article_id'], ['articles.id'], name=op.f('fk_actors_article_id_articles'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('article_id', 'n', name=op.f('pk_actors'))
    )
    with op.batch_alter_table('actors', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_actors_code'), ['code'], unique=False)

    op.create_table('dates',
    sa.Column('article_id', sa.String(length=64), nullable=False),
    sa.Column('n', sa.Integer(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('start_char', sa.Integer(), nullable=False),
    sa.Column('end_char', sa.Integer(), nullable=False),
    sa.Column('type', sa.String(length=16), nullable=False),
    sa.Column('value', sa.String(length=64), nullable=True),
    sa.Column('sentence', sa.Integer(), nullable=True),
    sa.Column('sentence_start', sa.Integer(), nullable=True),
    sa.Column('sentence_end', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['article_id'], ['articles.id'], name=op.f('fk_dates_article_id_articles'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('article_id', 'n', name=op.f('pk_dates'))
    )
    op.create_table('events',
    sa.Column('article_id', sa.String(length=64), nullable=False),
    sa.Column('n', sa.Integer(), nullable=False),
    sa.Column('id', sa.String(length=64), nullable=False),
    sa.Column('source_actor', sa.String(length=64), nullable=True),
    sa.Column('source_name', sa.Text(), nullable=True),
    sa.Column('source_code', sa.String(length=32), nullable=True),
    sa.Column('source_start_char', sa.Integer(), nullable=True),
    sa.Column('source_end_char', sa.Integer(), nullable=True),
    sa.Column('target_actor', sa.String(length=64), nullable=True),
    sa.Column('target_name', sa.Text(), nullable=True),
    sa.Column('target_code', sa.String(length=32), nullable=True),
    sa.Column('target_start_char', sa.Integer(), nullable=True),
    sa.Column('target_end_char', sa.Integer(), nullable=True),
    sa.Column('cameo', sa.String(length=4), nullable=False),
    sa.Column('root', sa.String(length=2), nullable=False),
    sa.Column('quad', sa.Integer(), nullable=False),
    sa.Column('goldstein', sa.Float(), nullable=False),
    sa.Column('plover_type', sa.String(length=32), nullable=True),
    sa.Column('plover_mode', sa.String(length=32), nullable=True),
    sa.Column('date', sa.String(length=32), nullable=True),
    sa.Column('date_source', sa.String(length=32), nullable=True),
    sa.Column('place_name', sa.Text(), nullable=True),
    sa.Column('place_country', sa.String(length=3), nullable=True),
    sa.Column('place_lat', sa.Float(), nullable=True),
    sa.Column('place_lon', sa.Float(), nullable=True),
    sa.Column('place_geonameid', sa.Integer(), nullable=True),
    sa.Column('place_start_char', sa.Integer(), nullable=True),
    sa.Column('place_end_char', sa.Integer(), nullable=True),
    sa.Column('place_rule', sa.String(length=32), nullable=True),
    sa.Column('negated', sa.Boolean(), nullable=False),
    sa.Column('modality', sa.String(length=32), nullable=True),
    sa.Column('reported', sa.Boolean(), nullable=False),
    sa.Column('start_char', sa.Integer(), nullable=False),
    sa.Column('end_char', sa.Integer(), nullable=False),
    sa.Column('trigger_text', sa.Text(), nullable=False),
    sa.Column('trigger_start_char', sa.Integer(), nullable=False),
    sa.Column('trigger_end_char', sa.Integer(), nullable=False),
    sa.Column('rule', sa.String(length=64), nullable=False),
    sa.Column('dictionary', sa.String(length=64), nullable=False),
    sa.Column('sentence', sa.Integer(), nullable=True),
    sa.Column('sentence_start', sa.Integer(), nullable=True),
    sa.Column('sentence_end', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['article_id'], ['articles.id'], name=op.f('fk_events_article_id_articles'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('article_id', 'n', name=op.f('pk_events'))
    )
    with op.batch_alter_table('events', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_events_cameo'), ['cameo'], unique=False)
        batch_op.create_index(batch_op.f('ix_events_date'), ['date'], unique=False)
        batch_op.create_index(batch_op.f('ix_events_root'), ['root'], unique=False)

    op.create_table('mentions',
    sa.Column('article_id', sa.String(length=64), nullable=False),
    sa.Column('n', sa.Integer(), nullable=False),
    sa.Column('actor_id', sa.String(length=64), nullable=False),
    sa.Column('start_char', sa.Integer(), nullable=False),
    sa.Column('end_char', sa.Integer(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('sentence', sa.Integer(), nullable=True),
    sa.Column('sentence_start', sa.Integer(), nullable=True),
    sa.Column('sentence_end', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['article_id'], ['articles.id'], name=op.f('fk_mentions_article_id_articles'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('article_id', 'n', name=op.f('pk_mentions'))
    )
    op.create_table('places',
    sa.Column('article_id', sa.String(length=64), nullable=False),
    sa.Column('n', sa.Integer(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('start_char', sa.Integer(), nullable=False),
    sa.Column('end_char', sa.Integer(), nullable=False),
    sa.Column('name', sa.Text(), nullable=False),
    sa.Column('country', sa.String(length=3), nullable=True),
    sa.Column('lat', sa.Float(), nullable=True),
    sa.Column('lon', sa.Float(), nullable=True),
    sa.Column('geonameid', sa.Integer(), nullable=True),
    sa.Column('feature', sa.String(length=16), nullable=True),
    sa.Column('source', sa.String(length=32), nullable=False),
    sa.Column('sentence', sa.Integer(), nullable=True),
    sa.Column('sentence_start', sa.Integer(), nullable=True),
    sa.Column('sentence_end', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['article_id'], ['articles.id'], name=op.f('fk_places_article_id_articles'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('article_id', 'n', name=op.f('pk_places'))
    )
    op.create_table('quotes',
    sa.Column('article_id', sa.String(length=64), nullable=False),
    sa.Column('n', sa.Integer(), nullable=False),
    sa.Column('id', sa.String(length=64), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('start_char', sa.Integer(), nullable=False),
    sa.Column('end_char', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('cue_text', sa.Text(), nullable=True),
    sa.Column('cue_lemma', sa.String(length=64), nullable=True),
    sa.Column('cue_category', sa.String(length=32), nullable=True),
    sa.Column('cue_start_char', sa.Integer(), nullable=True),
    sa.Column('cue_end_char', sa.Integer(), nullable=True),
    sa.Column('speaker_actor', sa.String(length=64), nullable=True),
    sa.Column('speaker_name', sa.Text(), nullable=True),
    sa.Column('speaker_code', sa.String(length=32), nullable=True),
    sa.Column('speaker_start_char', sa.Integer(), nullable=True),
    sa.Column('speaker_end_char', sa.Integer(), nullable=True),
    sa.Column('parts', sa.JSON(), nullable=True),
    sa.Column('event_id', sa.String(length=64), nullable=True),
    sa.Column('sentence', sa.Integer(), nullable=True),
    sa.Column('sentence_start', sa.Integer(), nullable=True),
    sa.Column('sentence_end', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['article_id'], ['articles.id'], name=op.f('fk_quotes_article_id_articles'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('article_id', 'n', name=op.f('pk_quotes'))
    )
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        _run(SQLITE_FTS)
    elif dialect == "postgresql":
        _run(POSTGRES_FTS)


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        _run(SQLITE_FTS_DROP)
    elif dialect == "postgresql":
        _run(POSTGRES_FTS_DROP)
    op.drop_table('quotes')
    op.drop_table('places')
    op.drop_table('mentions')
    with op.batch_alter_table('events', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_events_root'))
        batch_op.drop_index(batch_op.f('ix_events_date'))
        batch_op.drop_index(batch_op.f('ix_events_cameo'))

    op.drop_table('events')
    op.drop_table('dates')
    with op.batch_alter_table('actors', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_actors_code'))

    op.drop_table('actors')
    with op.batch_alter_table('articles', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_articles_run_id'))
        batch_op.drop_index(batch_op.f('ix_articles_date'))

    op.drop_table('articles')
    op.drop_table('runs')
