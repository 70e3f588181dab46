import { ROUTES, type MeDto, type OrgNodeDto } from '@sbd/contracts';
import { Alert, Card, Col, Empty, Row, Tree } from 'antd';
import { useEffect, useState } from 'react';
import { call } from '@/platform/api';
import { treeNode, visibleChildren, withChildren, type OrgTreeNode } from './org-format';
import { StaffPanel } from './staff-panel';

/** 组织与人员: the org nodes in the admin's scope as a tree, and the staff of the selected one. */
export function OrgPage({ user }: { user: MeDto }) {
  const [tree, setTree] = useState<OrgTreeNode[]>([]);
  const [selected, setSelected] = useState<OrgNodeDto | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    call(ROUTES.org.roots)
      .then((roots) => {
        setTree(roots.map(treeNode));
        if (roots[0]) setSelected(roots[0]);
      })
      .catch((e: Error) => setError(e.message));
  }, []);

  const load = async (t: OrgTreeNode) => {
    if (t.children) return;
    try {
      const children = await call(ROUTES.org.children, { params: { id: t.key }, query: { includeClosed: 'true' } });
      setTree((old) => withChildren(old, t.key, visibleChildren(children).map(treeNode)));
    } catch (e) {
      setError((e as Error).message);
    }
  };

  return (
    <Row gutter={16}>
      <Col span={8}>
        <Card title="组织架构">
          {error && <Alert type="error" showIcon message={error} />}
          {tree.length > 0 ? (
            <Tree<OrgTreeNode>
              treeData={tree}
              loadData={load}
              selectedKeys={selected ? [selected.id] : []}
              onSelect={(_, info) => setSelected(info.node.node)}
              aria-label="组织架构"
            />
          ) : (
            !error && <Empty description="暂无可管理的组织" />
          )}
        </Card>
      </Col>
      <Col span={16}>{selected && <StaffPanel key={selected.id} user={user} node={selected} />}</Col>
    </Row>
  );
}
