using BizEnv.Invest.Domain.Common;
using BizEnv.Invest.Domain.Crm;

namespace BizEnv.Invest.Domain.Tests.Crm;

/// <summary>The investor's field limits at their edges, each refusal on its field with its words, and what marking a contact changes.</summary>
public sealed class InvestorFieldRuleTests
{
    private static readonly Guid Unit = Guid.NewGuid();

    private static ContactDraft Contact(string name = "王经理", string? title = null, string? phone = "13800000000", bool onlyOurUnit = false) =>
        new(null, name, title, phone, null, onlyOurUnit);

    private static InvestorDraft Draft(string? region = null, params ContactDraft[] contacts) =>
        new("海川恒锐储能有限公司", null, Ownership.Private, region, null, false, false, null, contacts.Length == 0 ? [Contact()] : contacts, []);

    private static Investor Register(InvestorDraft draft) => Investor.Register(Guid.NewGuid(), Unit, draft).After;

    private static FieldRuleException Refused(InvestorDraft draft) => Should.Throw<FieldRuleException>(() => Register(draft));

    [Fact]
    public void A_home_region_of_50_characters_is_kept_and_one_of_51_refused_on_its_field()
    {
        Register(Draft(new string('区', 50))).HomeRegion!.Length.ShouldBe(50);
        var e = Refused(Draft(new string('区', 51)));
        (e.Field, e.Code).ShouldBe(("HomeRegion", "field.too_long"));
        e.Args.ShouldBe([50]);
    }

    [Fact]
    public void A_contact_name_and_title_of_50_characters_are_kept_and_51_refused_on_the_contact_field()
    {
        var kept = Register(Draft(null, Contact(), Contact(new string('王', 50), new string('总', 50)))).Contacts[1];
        (kept.Name.Length, kept.Title!.Length).ShouldBe((50, 50));

        var name = Refused(Draft(null, Contact(), Contact(new string('王', 51))));
        (name.Field, name.Code).ShouldBe(("Contacts[1].Name", "field.too_long"));
        name.Args.ShouldBe([50]);
        var title = Refused(Draft(null, Contact(title: new string('总', 51))));
        (title.Field, title.Code).ShouldBe(("Contacts[0].Title", "field.too_long"));
    }

    [Fact]
    public void A_contact_without_a_name_or_with_a_phone_not_in_phone_form_is_refused_on_that_field()
    {
        var unnamed = Refused(Draft(null, Contact("  ")));
        (unnamed.Field, unnamed.Code).ShouldBe(("Contacts[0].Name", "contact.name_required"));
        var phone = Refused(Draft(null, Contact(phone: "电话号码")));
        (phone.Field, phone.Code).ShouldBe(("Contacts[0].Phone", "field.phone_format"));
    }

    [Fact]
    public void Only_our_unit_makes_a_contact_private_to_the_unit_that_registers_it_and_shared_otherwise()
    {
        var firm = Register(Draft(null, Contact("甲"), Contact("乙", onlyOurUnit: true)));
        firm.Contacts.Select(c => c.PrivateToUnit).ShouldBe([null, (Guid?)Unit]);
    }

    [Fact]
    public void Marking_a_contact_changes_that_contact_only_and_moves_the_version()
    {
        var firm = Register(Draft(null, Contact("甲"), Contact("乙")));
        var change = firm.MarkContact(firm.Contacts[1].Id, true, Unit)!;
        change.After.Contacts.Select(c => c.PrivateToUnit).ShouldBe([null, (Guid?)Unit]);
        change.After.Contacts[0].ShouldBe(firm.Contacts[0]);
        change.After.Version.ShouldBe(firm.Version + 1);
        change.After.MarkContact(firm.Contacts[1].Id, false, Unit)!.After.Contacts.ShouldAllBe(c => c.PrivateToUnit == null);
    }

    [Fact]
    public void An_edit_of_an_old_version_is_a_conflict_on_this_investor()
    {
        var firm = Register(Draft());
        var e = Should.Throw<VersionConflictException>(() => firm.Edit(Draft(), firm.Version - 1, Unit));
        (e.ObjectType, e.Id).ShouldBe(("investor", firm.Id));
    }
}
