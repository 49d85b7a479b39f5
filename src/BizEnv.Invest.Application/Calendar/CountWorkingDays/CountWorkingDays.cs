using BizEnv.Invest.Application.Abstractions;
using MediatR;

namespace BizEnv.Invest.Application.Calendar.CountWorkingDays;

/// <summary>Working days after <see cref="From"/> up to and including <see cref="To"/>.</summary>
public sealed record CountWorkingDays(DateOnly From, DateOnly To) : IQuery<int>;

public sealed class CountWorkingDaysHandler(WorkingCalendarSource source) : IRequestHandler<CountWorkingDays, int>
{
    public async Task<int> Handle(CountWorkingDays request, CancellationToken ct) =>
        (await source.GetAsync(ct)).WorkingDaysBetween(request.From, request.To);
}
