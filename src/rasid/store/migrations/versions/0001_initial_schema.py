"""Initial schema

Revision ID: 0001
Revises:
Create Date: 2026-11-26 08:26:40.894192
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "actors",
        sa.Column("id", sa.String(length=200), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=True),
        sa.Column("inter", sa.String(length=60), nullable=True),
        sa.Column("parent_id", sa.String(length=200), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_actors")),
    )
    with op.batch_alter_table("actors", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_actors_parent_id"), ["parent_id"], unique=False)

    op.create_table(
        "places",
        sa.Column("id", sa.String(length=300), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("norm_name", sa.Text(), nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=True),
        sa.Column("lat", sa.Float(), nullable=True),
        sa.Column("lon", sa.Float(), nullable=True),
        sa.Column("admin1", sa.String(length=200), nullable=True),
        sa.Column("admin2", sa.String(length=200), nullable=True),
        sa.Column("admin3", sa.String(length=200), nullable=True),
        sa.Column("country", sa.String(length=80), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_places")),
    )
    with op.batch_alter_table("places", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_places_name"), ["name"], unique=False)
        batch_op.create_index(batch_op.f("ix_places_norm_name"), ["norm_name"], unique=False)

    op.create_table(
        "reports",
        sa.Column("pk", sa.Integer(), nullable=False),
        sa.Column("id", sa.String(length=200), nullable=False),
        sa.Column("content_hash", sa.String(length=64), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("norm_text", sa.Text(), nullable=False),
        sa.Column("url", sa.Text(), nullable=True),
        sa.Column("outlet", sa.String(length=300), nullable=True),
        sa.Column("published", sa.Date(), nullable=True),
        sa.Column("retrieved", sa.DateTime(timezone=True), nullable=False),
        sa.Column("origin", sa.Text(), nullable=True),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.Column("duplicate_of", sa.String(length=200), nullable=True),
        sa.Column("similarity", sa.Float(), nullable=True),
        sa.Column("minhash", sa.LargeBinary(), nullable=True),
        sa.Column("warnings", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("pk", name=op.f("pk_reports")),
        sa.UniqueConstraint("content_hash", name=op.f("uq_reports_content_hash")),
        sa.UniqueConstraint("id", name=op.f("uq_reports_id")),
    )
    with op.batch_alter_table("reports", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_reports_duplicate_of"), ["duplicate_of"], unique=False)
        batch_op.create_index(batch_op.f("ix_reports_outlet"), ["outlet"], unique=False)
        batch_op.create_index(batch_op.f("ix_reports_published"), ["published"], unique=False)
        batch_op.create_index(batch_op.f("ix_reports_status"), ["status"], unique=False)

    op.create_table(
        "events",
        sa.Column("pk", sa.Integer(), nullable=False),
        sa.Column("event_id_cnty", sa.String(length=40), nullable=True),
        sa.Column("event_date", sa.Date(), nullable=True),
        sa.Column("year", sa.Integer(), nullable=True),
        sa.Column("time_precision", sa.Integer(), nullable=False),
        sa.Column("disorder_type", sa.String(length=60), nullable=False),
        sa.Column("event_type", sa.String(length=60), nullable=False),
        sa.Column("sub_event_type", sa.String(length=80), nullable=False),
        sa.Column("actor1", sa.Text(), nullable=False),
        sa.Column("assoc_actor_1", sa.Text(), nullable=False),
        sa.Column("inter1", sa.String(length=60), nullable=False),
        sa.Column("actor2", sa.Text(), nullable=False),
        sa.Column("assoc_actor_2", sa.Text(), nullable=False),
        sa.Column("inter2", sa.String(length=60), nullable=False),
        sa.Column("interaction", sa.String(length=120), nullable=False),
        sa.Column("civilian_targeting", sa.String(length=40), nullable=False),
        sa.Column("iso", sa.Integer(), nullable=True),
        sa.Column("region", sa.String(length=60), nullable=False),
        sa.Column("country", sa.String(length=80), nullable=False),
        sa.Column("admin1", sa.String(length=200), nullable=False),
        sa.Column("admin2", sa.String(length=200), nullable=False),
        sa.Column("admin3", sa.String(length=200), nullable=False),
        sa.Column("location", sa.String(length=300), nullable=False),
        sa.Column("latitude", sa.Float(), nullable=True),
        sa.Column("longitude", sa.Float(), nullable=True),
        sa.Column("geo_precision", sa.Integer(), nullable=True),
        sa.Column("source", sa.Text(), nullable=False),
        sa.Column("source_scale", sa.String(length=60), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("fatalities", sa.Integer(), nullable=False),
        sa.Column("tags", sa.Text(), nullable=False),
        sa.Column("timestamp", sa.Integer(), nullable=False),
        sa.Column("actor1_id", sa.String(length=200), nullable=True),
        sa.Column("actor2_id", sa.String(length=200), nullable=True),
        sa.Column("place_id", sa.String(length=300), nullable=True),
        sa.Column("location_text", sa.Text(), nullable=True),
        sa.Column("injuries", sa.Integer(), nullable=True),
        sa.Column("modality", sa.String(length=20), nullable=False),
        sa.Column("confidence", sa.Float(), nullable=False),
        sa.Column("force", sa.JSON(), nullable=False),
        sa.Column("movement", sa.JSON(), nullable=False),
        sa.Column("attribution", sa.JSON(), nullable=False),
        sa.Column("evidence", sa.JSON(), nullable=False),
        sa.Column("detail", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(["place_id"], ["places.id"], name=op.f("fk_events_place_id_places")),
        sa.PrimaryKeyConstraint("pk", name=op.f("pk_events")),
        sa.UniqueConstraint("event_id_cnty", name=op.f("uq_events_event_id_cnty")),
    )
    with op.batch_alter_table("events", schema=None) as batch_op:
        batch_op.create_index("ix_events_admin1_date", ["admin1", "event_date"], unique=False)
        batch_op.create_index(batch_op.f("ix_events_event_date"), ["event_date"], unique=False)
        batch_op.create_index("ix_events_lat_lon", ["latitude", "longitude"], unique=False)
        batch_op.create_index(batch_op.f("ix_events_location"), ["location"], unique=False)
        batch_op.create_index(batch_op.f("ix_events_place_id"), ["place_id"], unique=False)
        batch_op.create_index("ix_events_sub_type_date", ["sub_event_type", "event_date"], unique=False)
        batch_op.create_index("ix_events_type_date", ["event_type", "event_date"], unique=False)

    op.create_table(
        "mentions",
        sa.Column("pk", sa.Integer(), nullable=False),
        sa.Column("report_pk", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("start", sa.Integer(), nullable=False),
        sa.Column("end", sa.Integer(), nullable=False),
        sa.Column("canonical", sa.Text(), nullable=True),
        sa.Column("ref_id", sa.String(length=200), nullable=True),
        sa.Column("lat", sa.Float(), nullable=True),
        sa.Column("lon", sa.Float(), nullable=True),
        sa.Column("attrs", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(
            ["report_pk"], ["reports.pk"], name=op.f("fk_mentions_report_pk_reports"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("pk", name=op.f("pk_mentions")),
    )
    with op.batch_alter_table("mentions", schema=None) as batch_op:
        batch_op.create_index("ix_mentions_kind_ref", ["kind", "ref_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_mentions_report_pk"), ["report_pk"], unique=False)

    op.create_table(
        "event_actors",
        sa.Column("pk", sa.Integer(), nullable=False),
        sa.Column("event_pk", sa.Integer(), nullable=False),
        sa.Column("role", sa.String(length=20), nullable=False),
        sa.Column("actor_id", sa.String(length=200), nullable=True),
        sa.Column("name", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["event_pk"], ["events.pk"], name=op.f("fk_event_actors_event_pk_events"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("pk", name=op.f("pk_event_actors")),
    )
    with op.batch_alter_table("event_actors", schema=None) as batch_op:
        batch_op.create_index("ix_event_actors_actor", ["actor_id", "event_pk"], unique=False)
        batch_op.create_index(batch_op.f("ix_event_actors_event_pk"), ["event_pk"], unique=False)
        batch_op.create_index("ix_event_actors_name", ["name"], unique=False)

    op.create_table(
        "event_sources",
        sa.Column("pk", sa.Integer(), nullable=False),
        sa.Column("event_pk", sa.Integer(), nullable=False),
        sa.Column("report_pk", sa.Integer(), nullable=False),
        sa.Column("ordinal", sa.Integer(), nullable=False),
        sa.Column("extracted", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(
            ["event_pk"], ["events.pk"], name=op.f("fk_event_sources_event_pk_events"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["report_pk"], ["reports.pk"], name=op.f("fk_event_sources_report_pk_reports"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("pk", name=op.f("pk_event_sources")),
        sa.UniqueConstraint("event_pk", "report_pk", "ordinal", name="uq_event_sources_link"),
    )
    with op.batch_alter_table("event_sources", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_event_sources_event_pk"), ["event_pk"], unique=False)
        batch_op.create_index(batch_op.f("ix_event_sources_report_pk"), ["report_pk"], unique=False)

    op.create_table(
        "fusion_keys",
        sa.Column("pk", sa.Integer(), nullable=False),
        sa.Column("event_pk", sa.Integer(), nullable=False),
        sa.Column("event_type", sa.String(length=60), nullable=False),
        sa.Column("loc", sa.String(length=300), nullable=False),
        sa.Column("bucket", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["event_pk"], ["events.pk"], name=op.f("fk_fusion_keys_event_pk_events"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("pk", name=op.f("pk_fusion_keys")),
    )
    with op.batch_alter_table("fusion_keys", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_fusion_keys_event_pk"), ["event_pk"], unique=False)
        batch_op.create_index("ix_fusion_keys_key", ["event_type", "loc", "bucket"], unique=False)

    op.create_table(
        "posture_changes",
        sa.Column("pk", sa.Integer(), nullable=False),
        sa.Column("event_pk", sa.Integer(), nullable=False),
        sa.Column("actor_key", sa.String(length=300), nullable=False),
        sa.Column("actor_id", sa.String(length=200), nullable=True),
        sa.Column("place_key", sa.String(length=300), nullable=False),
        sa.Column("admin1", sa.String(length=200), nullable=True),
        sa.Column("date", sa.Date(), nullable=True),
        sa.Column("status", sa.String(length=40), nullable=False),
        sa.Column("change", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(
            ["event_pk"], ["events.pk"], name=op.f("fk_posture_changes_event_pk_events"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("pk", name=op.f("pk_posture_changes")),
    )
    with op.batch_alter_table("posture_changes", schema=None) as batch_op:
        batch_op.create_index("ix_posture_actor_place", ["actor_key", "place_key", "date"], unique=False)
        batch_op.create_index(batch_op.f("ix_posture_changes_actor_id"), ["actor_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_posture_changes_admin1"), ["admin1"], unique=False)
        batch_op.create_index(batch_op.f("ix_posture_changes_date"), ["date"], unique=False)
        batch_op.create_index(batch_op.f("ix_posture_changes_event_pk"), ["event_pk"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("posture_changes", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_posture_changes_event_pk"))
        batch_op.drop_index(batch_op.f("ix_posture_changes_date"))
        batch_op.drop_index(batch_op.f("ix_posture_changes_admin1"))
        batch_op.drop_index(batch_op.f("ix_posture_changes_actor_id"))
        batch_op.drop_index("ix_posture_actor_place")

    op.drop_table("posture_changes")
    with op.batch_alter_table("fusion_keys", schema=None) as batch_op:
        batch_op.drop_index("ix_fusion_keys_key")
        batch_op.drop_index(batch_op.f("ix_fusion_keys_event_pk"))

    op.drop_table("fusion_keys")
    with op.batch_alter_table("event_sources", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_event_sources_report_pk"))
        batch_op.drop_index(batch_op.f("ix_event_sources_event_pk"))

    op.drop_table("event_sources")
    with op.batch_alter_table("event_actors", schema=None) as batch_op:
        batch_op.drop_index("ix_event_actors_name")
        batch_op.drop_index(batch_op.f("ix_event_actors_event_pk"))
        batch_op.drop_index("ix_event_actors_actor")

    op.drop_table("event_actors")
    with op.batch_alter_table("mentions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_mentions_report_pk"))
        batch_op.drop_index("ix_mentions_kind_ref")

    op.drop_table("mentions")
    with op.batch_alter_table("events", schema=None) as batch_op:
        batch_op.drop_index("ix_events_type_date")
        batch_op.drop_index("ix_events_sub_type_date")
        batch_op.drop_index(batch_op.f("ix_events_place_id"))
        batch_op.drop_index(batch_op.f("ix_events_location"))
        batch_op.drop_index("ix_events_lat_lon")
        batch_op.drop_index(batch_op.f("ix_events_event_date"))
        batch_op.drop_index("ix_events_admin1_date")

    op.drop_table("events")
    with op.batch_alter_table("reports", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_reports_status"))
        batch_op.drop_index(batch_op.f("ix_reports_published"))
        batch_op.drop_index(batch_op.f("ix_reports_outlet"))
        batch_op.drop_index(batch_op.f("ix_reports_duplicate_of"))

    op.drop_table("reports")
    with op.batch_alter_table("places", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_places_norm_name"))
        batch_op.drop_index(batch_op.f("ix_places_name"))

    op.drop_table("places")
    with op.batch_alter_table("actors", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_actors_parent_id"))

    op.drop_table("actors")
