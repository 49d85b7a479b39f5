using BizEnv.Invest.Application.Crm.Projects.ChangeProjectStage;
using BizEnv.Invest.Application.Errors;
using BizEnv.Invest.Application.Tests.Crm;
using BizEnv.Invest.Application.Zones.FindSites;
using BizEnv.Invest.Application.Zones.GetZone;
using BizEnv.Invest.Application.Zones.ReserveCapacity;
using BizEnv.Invest.Application.Zones.UpdateReadiness;
using BizEnv.Invest.Application.Zones.UpdateZoneCapacity;
using BizEnv.Invest.Domain.Common;
using BizEnv.Invest.Domain.Crm;
using BizEnv.Invest.Domain.Zones;

namespace BizEnv.Invest.Application.Tests.Zones;

public sealed class CapacityTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task Twenty_officers_racing_for_the_last_capacity_never_oversubscribe()
    {
        var officer = await app.As("officer");
        var zone = await app.NewZone(landMu: 500);
        var investor = await app.NewInvestor(officer);
        var projects = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => app.NewProject(officer, investor.Id)));

        // 20 requests of 50 亩 each for 500 亩: exactly 10 can succeed.
        var attempts = await Task.WhenAll(projects.Select(p => Capture(() =>
            app.Send(new ReserveCapacity(p.Id, zone, Resource.Land, Area.MuToSquareMetres(50), Intended: true), officer))));

        attempts.Count(a => a is null).ShouldBe(10);
        attempts.OfType<DomainException>().ShouldAllBe(e => e.Code == "capacity.insufficient");
        var land = (await app.Send(new GetZone(zone), officer)).Zone.Capacity.Single(c => c.Resource == Resource.Land);
        // 10 × 50 亩 (stored to the cent of a square metre) and less than one more reservation left.
        land.Reserved.ShouldBe(10 * Math.Round(Area.MuToSquareMetres(50), 2));
        land.Available.ShouldBeLessThan(Area.MuToSquareMetres(50));
    }

    private static async Task<Exception?> Capture(Func<Task> action)
    {
        try { await action(); return null; }
        catch (Exception ex) { return ex; }
    }

    [Fact]
    public async Task A_capacity_cut_below_reservations_is_refused_and_every_change_is_in_the_history()
    {
        var park = await app.As("park");
        var officer = await app.As("officer");
        var zone = await app.NewZone(landMu: 300);
        var project = await app.NewProject(officer, (await app.NewInvestor(officer)).Id);
        await app.Send(new ReserveCapacity(project.Id, zone, Resource.Land, Area.MuToSquareMetres(100), true), officer);
        var before = await app.Send(new GetZone(zone), park);

        var refused = await Should.ThrowAsync<DomainException>(() =>
            app.Send(new UpdateZoneCapacity(zone, Resource.Land, Area.MuToSquareMetres(90), "规划调整", before.Zone.Version), park));
        refused.Code.ShouldBe("capacity.below_reserved");

        var grown = await app.Send(new UpdateZoneCapacity(zone, Resource.Land, Area.MuToSquareMetres(400), "新增收储地块", before.Zone.Version), park);
        await app.Send(new UpdateReadiness(zone, ReadinessItem.NaturalGas, ReadinessStatus.Partly, new DateOnly(2027, 3, 31), "燃气管网施工中", grown.Version), park);

        var detail = await app.Send(new GetZone(zone), park);
        detail.History.Select(h => (h.Subject, h.Reason)).ShouldBe([("readiness:NaturalGas", "燃气管网施工中"), ("Land", "新增收储地块")]);
        decimal.Parse(detail.History[1].Before!, System.Globalization.CultureInfo.InvariantCulture).ShouldBe(Math.Round(Area.MuToSquareMetres(300), 2));
        detail.History[1].ChangedBy.ShouldBe("陈建国");
        detail.Readiness.Single(r => r.Item == ReadinessItem.NaturalGas).ExpectedDate.ShouldBe(new DateOnly(2027, 3, 31));
        (await app.Scalar<long>("SELECT count(*) FROM capacity_changes WHERE zone_id = @zone", new { zone })).ShouldBe(2);
    }

    [Fact]
    public async Task A_park_manager_edits_only_their_own_parks_and_officers_never_edit_capacity()
    {
        var park = await app.As("park");
        var otherZone = await app.NewZone(landMu: 100, unitCode: "HCGX");
        var version = (await app.Send(new GetZone(otherZone), park)).Zone.Version;
        (await Should.ThrowAsync<ForbiddenException>(() => app.Send(new UpdateZoneCapacity(otherZone, Resource.Land, 1, "x", version), park)))
            .Code.ShouldBe("zone.not_your_park");
        await Should.ThrowAsync<ForbiddenException>(async () =>
            await app.Send(new UpdateZoneCapacity(otherZone, Resource.Land, 1, "x", version), await app.As("officer")));
        (await app.Send(new GetZone(otherZone), await app.As("officer"))).CanEdit.ShouldBeFalse();
    }

    [Fact]
    public async Task Terminating_a_project_gives_its_capacity_back()
    {
        var officer = await app.As("officer");
        var zone = await app.NewZone(landMu: 100);
        var project = await app.NewProject(officer, (await app.NewInvestor(officer)).Id);
        await app.Send(new ReserveCapacity(project.Id, zone, Resource.Land, Area.MuToSquareMetres(80), true), officer);
        await app.Send(new ChangeProjectStage(project.Id, ProjectStage.Terminated, new DateOnly(2026, 11, 10), null, "投资方撤回", project.Version + 1), officer);
        var land = (await app.Send(new GetZone(zone), officer)).Zone.Capacity.Single(c => c.Resource == Resource.Land);
        land.Reserved.ShouldBe(0);
        (await app.Send(new GetZone(zone), officer)).Reservations.Single().Status.ShouldBe("Released");
    }

    [Fact]
    public async Task A_firm_reservation_waits_for_signing_and_the_site_finder_explains_its_ranking()
    {
        var officer = await app.As("officer");
        var zone = await app.NewZone(landMu: 200, powerKva: 8000);
        var project = await app.NewProject(officer, (await app.NewInvestor(officer)).Id);
        (await Should.ThrowAsync<FluentValidation.ValidationException>(() =>
            app.Send(new ReserveCapacity(project.Id, zone, Resource.Land, 1000, Intended: false), officer))).Errors.Single().ErrorCode.ShouldBe("reservation.firm_needs_signing");

        var sites = await app.Send(new FindSites(Area.MuToSquareMetres(150), null, 5000, "C3841"), officer);
        var match = sites.Single(s => s.Zone.Id == zone);
        match.Fits.ShouldBeTrue();
        match.Reasons.ShouldContain(r => r.Contains("主导产业匹配"));
        var tooBig = await app.Send(new FindSites(Area.MuToSquareMetres(250), null, null, null), officer);
        tooBig.Single(s => s.Zone.Id == zone).Fits.ShouldBeFalse();
    }
}

public sealed class ParkSetupTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task An_admin_registers_a_park_and_its_manager_adds_a_zone_whose_capacity_then_has_a_history()
    {
        var admin = await app.As("admin");
        var park = await app.As("park");
        var parkId = await app.Send(new BizEnv.Invest.Application.Zones.CreatePark.CreatePark(
            "海川综合保税区", "National", "综合保税区", park.UnitId!.Value, ["g59", "C39"], null), admin);
        var zoneId = await app.Send(new BizEnv.Invest.Application.Zones.CreateZone.CreateZone(parkId, "一期围网区", 121.7m, 29.95m, "仓储用地",
            [[121.69m, 29.94m], [121.71m, 29.94m], [121.71m, 29.96m]]), park);
        var zone = await app.Send(new GetZone(zoneId), park);
        zone.CanEdit.ShouldBeTrue();
        zone.Zone.LeadingIndustries.ShouldBe(["G59", "C39"]);
        zone.Zone.Capacity.ShouldAllBe(c => c.Total == 0);
        await app.Send(new UpdateZoneCapacity(zoneId, Resource.Land, Area.MuToSquareMetres(600), "一期围网面积", zone.Zone.Version), park);
        (await app.Send(new GetZone(zoneId), park)).History.Single().Subject.ShouldBe("Land");

        (await Should.ThrowAsync<FluentValidation.ValidationException>(() => app.Send(new BizEnv.Invest.Application.Zones.CreateZone.CreateZone(
            parkId, "一期围网区", 121.7m, 29.95m, "仓储用地", null), park))).Errors.Single().ErrorCode.ShouldBe("zone.name_taken");
        await Should.ThrowAsync<ForbiddenException>(async () => await app.Send(new BizEnv.Invest.Application.Zones.CreateZone.CreateZone(
            parkId, "二期", 121.7m, 29.95m, "仓储用地", null), await app.As("officer")));
    }
}
