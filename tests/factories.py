"""factory_boy factories for test data (valid objects through the models' own save)."""

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from law.models import Law, Norm
from processes.models import Category, Process, ProcessReference, Role, Step, StepReference


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ["username"]
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = "Erika"
    last_name = factory.Sequence(lambda n: f"Muster{n}")
    email = factory.LazyAttribute(lambda o: f"{o.username}@example.org")
    password = factory.django.Password("test-password")

    @factory.post_generation
    def groups(self, create, extracted, **kwargs):
        if create and extracted:
            self.groups.set([Group.objects.get(name=name) for name in extracted])


class CategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Category

    name = factory.Sequence(lambda n: f"Bereich {n}")
    slug = factory.Sequence(lambda n: f"bereich-{n}")
    code = factory.Sequence(lambda n: f"B{n}")


class RoleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Role
        django_get_or_create = ["code"]

    name = factory.Sequence(lambda n: f"Rolle {n}")
    slug = factory.Sequence(lambda n: f"rolle-{n}")
    code = factory.Sequence(lambda n: f"R{n}")


class LawFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Law
        django_get_or_create = ["key"]

    key = "aufenthg"
    abbreviation = "AufenthG"
    title = "Aufenthaltsgesetz"
    gii_slug = "aufenthg_2004"


class NormFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Norm
        django_get_or_create = ["law", "number"]

    law = factory.SubFactory(LawFactory)
    number = factory.Sequence(lambda n: str(n + 1))


class ProcessFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Process

    code = factory.Sequence(lambda n: f"T-{n:03d}")
    title = factory.Sequence(lambda n: f"Testverfahren {n}")
    slug = factory.Sequence(lambda n: f"testverfahren-{n}")
    category = factory.SubFactory(CategoryFactory)
    purpose = "Ein Verfahren für Tests."
    owner_role = factory.SubFactory(RoleFactory)
    status = Process.Status.PUBLISHED


class StepFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Step

    process = factory.SubFactory(ProcessFactory)
    position = factory.Sequence(lambda n: n + 1)
    title = factory.Sequence(lambda n: f"Schritt {n}")
    responsible_role = factory.SubFactory(RoleFactory)


class StepReferenceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = StepReference

    step = factory.SubFactory(StepFactory)
    norm = factory.SubFactory(NormFactory)


class ProcessReferenceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProcessReference

    process = factory.SubFactory(ProcessFactory)
    norm = factory.SubFactory(NormFactory)
