"""file owners: who uploaded a file through a channel

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-03 15:51:29.560192
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('file_owners',
    sa.Column('owner', sa.String(length=200), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('created_at', sa.String(length=32), nullable=False),
    sa.ForeignKeyConstraint(['sha256'], ['files.sha256'], ),
    sa.PrimaryKeyConstraint('owner', 'sha256')
    )


def downgrade() -> None:
    op.drop_table('file_owners')
