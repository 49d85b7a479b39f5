using BizEnv.Invest.Application.Abstractions;
using MediatR;

namespace BizEnv.Invest.Application.Calendar.AddWorkingDays;

/// <summary>"N working days after date D" — e.g. a trip report due 10 working days after return.</summary>
public sealed record AddWorkingDays(DateOnly From, int Days) : IQuery<DateOnly>;

public sealed class AddWorkingDaysHandler(WorkingCalendarSource source) : IRequestHandler<AddWorkingDays, DateOnly>
{
    public async Task<DateOnly> Handle(AddWorkingDays request, CancellationToken ct) =>
        (await source.GetAsync(ct)).AddWorkingDays(request.From, request.Days);
}
