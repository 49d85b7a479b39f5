using BizEnv.Invest.Domain.Common;
using BizEnv.Invest.Domain.Zones;

namespace BizEnv.Invest.Domain.Tests.Zones;

public sealed class ZoneRulesTests
{
    [Theory]
    [InlineData(666.67, 1.0)]
    [InlineData(10_000, 15)]
    [InlineData(0, 0)]
    public void Square_metres_convert_to_mu(decimal m2, decimal mu) =>
        Math.Round(Area.SquareMetresToMu(m2), 3).ShouldBe(Math.Round(mu, 3), 0.001m);

    [Fact]
    public void A_hectare_is_fifteen_mu_and_ten_thousand_square_metres()
    {
        Area.MuToSquareMetres(15).ShouldBe(10_000m);
        Area.SquareMetresToHectares(Area.MuToSquareMetres(15)).ShouldBe(1m);
        Area.HectaresToSquareMetres(2.5m).ShouldBe(25_000m);
        Math.Round(Area.MuToSquareMetres(1), 2).ShouldBe(666.67m);
        Area.SquareMetresToMu(Area.MuToSquareMetres(50m)).ShouldBe(50m);
    }

    [Fact]
    public void Available_is_total_minus_what_is_held()
    {
        var ledger = new CapacityLedger(Resource.Land, 100_000, 60_000);
        ledger.Available.ShouldBe(40_000);
        Should.NotThrow(() => ledger.EnsureCanReserve(40_000));
    }

    [Fact]
    public void Reserving_more_than_is_available_names_the_resource_the_request_and_what_is_left()
    {
        var refusal = Should.Throw<DomainException>(() => new CapacityLedger(Resource.Power, 10_000, 9_000).EnsureCanReserve(1_500));
        refusal.Code.ShouldBe("capacity.insufficient");
        refusal.Args.ShouldBe([Resource.Power, new Quantity(Resource.Power, 1_500m), new Quantity(Resource.Power, 1_000m)]);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    public void A_reservation_must_be_positive(decimal amount) =>
        Should.Throw<DomainException>(() => new CapacityLedger(Resource.Gas, 10, 0).EnsureCanReserve(amount)).Code.ShouldBe("capacity.amount_positive");

    [Fact]
    public void A_total_cannot_drop_below_what_is_reserved_or_below_zero()
    {
        var ledger = new CapacityLedger(Resource.Land, 100_000, 60_000);
        Should.Throw<DomainException>(() => ledger.EnsureCanSetTotal(59_999)).Code.ShouldBe("capacity.below_reserved");
        Should.Throw<DomainException>(() => ledger.EnsureCanSetTotal(-1)).Code.ShouldBe("capacity.negative");
        Should.NotThrow(() => ledger.EnsureCanSetTotal(60_000));
    }

    [Fact]
    public void A_total_of_zero_is_allowed_when_nothing_is_reserved_and_otherwise_is_below_what_is_reserved()
    {
        Should.NotThrow(() => new CapacityLedger(Resource.Gas, 10, 0).EnsureCanSetTotal(0));
        Should.Throw<DomainException>(() => new CapacityLedger(Resource.Gas, 10, 4).EnsureCanSetTotal(0)).Code.ShouldBe("capacity.below_reserved");
    }

    [Fact]
    public void A_checklist_item_counts_by_a_date_when_ready_or_expected_by_then()
    {
        var date = new DateOnly(2027, 3, 1);
        ReadinessItems.ReadyBy(ReadinessStatus.Ready, null, date).ShouldBeTrue();
        ReadinessItems.ReadyBy(ReadinessStatus.Partly, new DateOnly(2027, 2, 28), date).ShouldBeTrue();
        ReadinessItems.ReadyBy(ReadinessStatus.NotYet, new DateOnly(2027, 3, 2), date).ShouldBeFalse();
        ReadinessItems.ReadyBy(ReadinessStatus.NotYet, null, date).ShouldBeFalse();
        (ReadinessItems.Classic.Count + ReadinessItems.New.Count).ShouldBe(20);
    }
}
