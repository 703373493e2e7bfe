"""Stories and merged events: ``articles.story``, MinHash signatures and LSH bands, merged events.

Revision ID: 0002
Revises: 0001

Written from ``alembic revision --autogenerate`` output and frozen here. ``articles.story`` is added with
a plain ``ALTER TABLE ... ADD COLUMN`` on both dialects (no batch copy on SQLite: copying ``articles`` would
drop the full-text triggers of 0001). Articles stored before this revision keep ``story`` NULL, which marks
them as not yet in a story: the next ``eventwire ingest`` or ``eventwire merge`` signs them and merges their
events (no settings are read here, so the migration does not depend on them).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column('articles', sa.Column('story', sa.String(length=64), nullable=True))
    op.create_index(op.f('ix_articles_story'), 'articles', ['story'], unique=False)
    op.create_table('story_signatures',
    sa.Column('article_id', sa.String(length=64), nullable=False),
    sa.Column('params', sa.String(length=16), nullable=False),
    sa.Column('story', sa.String(length=64), nullable=False),
    sa.Column('shingles', sa.Integer(), nullable=False),
    sa.Column('signature', sa.LargeBinary(), nullable=False),
    sa.PrimaryKeyConstraint('article_id', name=op.f('pk_story_signatures'))
    )
    op.create_index(op.f('ix_story_signatures_story'), 'story_signatures', ['story'], unique=False)
    op.create_table('story_bands',
    sa.Column('article_id', sa.String(length=64), nullable=False),
    sa.Column('band', sa.Integer(), nullable=False),
    sa.Column('bucket', sa.String(length=16), nullable=False),
    sa.PrimaryKeyConstraint('article_id', 'band', name=op.f('pk_story_bands'))
    )
    op.create_index(op.f('ix_story_bands_bucket'), 'story_bands', ['bucket'], unique=False)
    op.create_table('merged_events',
    sa.Column('id', sa.String(length=16), nullable=False),
    sa.Column('key', sa.String(length=16), nullable=False),
    sa.Column('source_code', sa.String(length=32), nullable=True),
    sa.Column('source_name', sa.Text(), nullable=True),
    sa.Column('target_code', sa.String(length=32), nullable=True),
    sa.Column('target_name', sa.Text(), nullable=True),
    sa.Column('cameo', sa.String(length=4), nullable=False),
    sa.Column('root', sa.String(length=2), nullable=False),
    sa.Column('quad', sa.Integer(), nullable=False),
    sa.Column('goldstein', sa.Float(), nullable=False),
    sa.Column('date', sa.String(length=32), nullable=True),
    sa.Column('place_name', sa.Text(), nullable=True),
    sa.Column('place_country', sa.String(length=3), nullable=True),
    sa.Column('place_lat', sa.Float(), nullable=True),
    sa.Column('place_lon', sa.Float(), nullable=True),
    sa.Column('place_geonameid', sa.Integer(), nullable=True),
    sa.Column('num_mentions', sa.Integer(), nullable=False),
    sa.Column('num_sources', sa.Integer(), nullable=False),
    sa.Column('num_articles', sa.Integer(), nullable=False),
    sa.Column('is_root', sa.Boolean(), nullable=False),
    sa.Column('first_article', sa.String(length=64), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_merged_events'))
    )
    op.create_index(op.f('ix_merged_events_cameo'), 'merged_events', ['cameo'], unique=False)
    op.create_index(op.f('ix_merged_events_date'), 'merged_events', ['date'], unique=False)
    op.create_index(op.f('ix_merged_events_key'), 'merged_events', ['key'], unique=False)
    op.create_table('merged_mentions',
    sa.Column('article_id', sa.String(length=64), nullable=False),
    sa.Column('n', sa.Integer(), nullable=False),
    sa.Column('key', sa.String(length=16), nullable=False),
    sa.Column('merged_id', sa.String(length=16), nullable=True),
    sa.Column('in_lead', sa.Boolean(), nullable=False),
    sa.PrimaryKeyConstraint('article_id', 'n', name=op.f('pk_merged_mentions'))
    )
    op.create_index(op.f('ix_merged_mentions_key'), 'merged_mentions', ['key'], unique=False)
    op.create_index(op.f('ix_merged_mentions_merged_id'), 'merged_mentions', ['merged_id'], unique=False)
    op.create_table('merge_pending',
    sa.Column('key', sa.String(length=16), nullable=False),
    sa.PrimaryKeyConstraint('key', name=op.f('pk_merge_pending'))
    )


def downgrade() -> None:
    op.drop_table('merge_pending')
    op.drop_index(op.f('ix_merged_mentions_merged_id'), table_name='merged_mentions')
    op.drop_index(op.f('ix_merged_mentions_key'), table_name='merged_mentions')
    op.drop_table('merged_mentions')
    op.drop_index(op.f('ix_merged_events_key'), table_name='merged_events')
    op.drop_index(op.f('ix_merged_events_date'), table_name='merged_events')
    op.drop_index(op.f('ix_merged_events_cameo'), table_name='merged_events')
    op.drop_table('merged_events')
    op.drop_index(op.f('ix_story_bands_bucket'), table_name='story_bands')
    op.drop_table('story_bands')
    op.drop_index(op.f('ix_story_signatures_story'), table_name='story_signatures')
    op.drop_table('story_signatures')
    op.drop_index(op.f('ix_articles_story'), table_name='articles')
    # SQLite drops a column since 3.35 (ALTER TABLE ... DROP COLUMN); no batch copy, as in upgrade
    op.drop_column('articles', 'story')
