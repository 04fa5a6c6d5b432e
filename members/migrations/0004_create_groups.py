from django.db import migrations

GROUP_NAMES = ["Conseil stratégique", "COTECH", "Club des partenaires"]


def create_groups(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for name in GROUP_NAMES:
        Group.objects.get_or_create(name=name)


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("members", "0003_commissionindexpage_commissionpage_and_more"),
    ]

    operations = [migrations.RunPython(create_groups, migrations.RunPython.noop)]
