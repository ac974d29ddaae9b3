// A list that grows in chunks of 4,096: appending never moves what it holds, so no append pays
// for the whole list at a reallocation (History's 1,000,000 entries), and indexing stays O(1).
#pragma once

#include <QList>

#include <utility>

template<typename T> class ChunkedList
{
public:
    int size() const { return m_size; }
    bool isEmpty() const { return m_size == 0; }
    const T &at(int i) const { return m_chunks.at(i >> ChunkBits).at(i & ChunkMask); }
    T &operator[](int i) { return m_chunks[i >> ChunkBits][i & ChunkMask]; }
    void append(T value)
    {
        if (m_chunks.isEmpty() || m_chunks.constLast().size() == ChunkSize) {
            m_chunks.append(QList<T>());
            m_chunks.last().reserve(ChunkSize);
        }
        m_chunks.last().append(std::move(value));
        ++m_size;
    }
    void clear()
    {
        m_chunks.clear();
        m_size = 0;
    }

private:
    static constexpr int ChunkBits = 12;
    static constexpr int ChunkSize = 1 << ChunkBits;
    static constexpr int ChunkMask = ChunkSize - 1;
    QList<QList<T>> m_chunks;
    int m_size = 0;
};
