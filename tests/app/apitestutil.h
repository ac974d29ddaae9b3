// Waiting for one ApiClient call in a test.
#pragma once

#include "apiclient.h"

#include <QTest>

#include <optional>

// Runs `call(context, callback)` and waits (up to 30 s) for its one result.
template<typename T, typename Call> std::optional<ApiResult<T>> waitFor(Call call)
{
    std::optional<ApiResult<T>> result;
    int calls = 0;
    QObject context;
    call(&context, [&result, &calls](const ApiResult<T> &r) {
        result = r;
        ++calls;
    });
    if (!QTest::qWaitFor([&result]() { return result.has_value(); }, 30000))
        qWarning("no answer within 30 s");
    QTest::qWait(0);
    if (calls > 1)
        qWarning("callback called %d times", calls);
    return calls == 1 ? result : std::nullopt;
}
